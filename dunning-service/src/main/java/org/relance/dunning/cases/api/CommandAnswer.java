package org.relance.dunning.cases.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import org.relance.dunning.cases.application.CaseCommands;
import org.relance.dunning.cases.domain.DunningDecider;
import org.relance.dunning.cases.domain.Hold;

/**
 * The answer to a command on an invoice: the events recorded, as they were published, the business
 * date, and what holds the case now ({@code hold} null when nothing does).
 */
public record CommandAnswer(
    String businessDate,
    List<Recorded> recorded,
    @JsonInclude(JsonInclude.Include.NON_NULL) String holdKind,
    String hold) {

  /** One event recorded: its type, id and data as published. */
  public record Recorded(String type, String eventId, JsonNode data) {}

  static CommandAnswer of(CaseCommands.Done done) {
    Optional<Hold> hold = DunningDecider.hold(done.after(), done.day());
    return new CommandAnswer(
        done.day().toString(),
        done.appended().stream().map(e -> new Recorded(e.type(), e.id(), e.data())).toList(),
        hold.map(Hold::kind).orElse(null),
        hold.map(Hold::reason).orElse(null));
  }
}
