package org.relance.dunning.cases.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A debtor's standing: its credit hold (placed or lifted, since when and why; {@code since} and
 * {@code reasons} absent when it never had one) and the contacts collectors flagged as wrong.
 */
public record DebtorStanding(
    String tenant,
    String debtorId,
    boolean creditHold,
    @JsonInclude(Include.NON_NULL) String since,
    @JsonInclude(Include.NON_NULL) JsonNode reasons,
    List<WrongContact> wrongContacts) {

  public record WrongContact(String flaggedOn, String actor, String note, String taskId) {}
}
