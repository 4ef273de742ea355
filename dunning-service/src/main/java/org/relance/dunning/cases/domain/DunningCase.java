package org.relance.dunning.cases.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One invoice's dunning: the facts known about it and the decisions taken so far. */
public record DunningCase(
    InvoiceFacts facts,
    List<DunningEvent.ReminderRequested> requested,
    Optional<DunningEvent.CaseEscalated> escalated) {

  public DunningCase {
    requested = List.copyOf(requested);
  }

  public static DunningCase of(InvoiceFacts facts, List<DunningEvent> decisions) {
    DunningCase c = new DunningCase(facts, List.of(), Optional.empty());
    for (DunningEvent e : decisions) {
      c = c.evolve(e);
    }
    return c;
  }

  public DunningCase evolve(DunningEvent event) {
    if (event instanceof DunningEvent.ReminderRequested r) {
      List<DunningEvent.ReminderRequested> all = new ArrayList<>(requested);
      all.add(r);
      return new DunningCase(facts, all, escalated);
    }
    if (event instanceof DunningEvent.CaseEscalated e) {
      return new DunningCase(facts, requested, Optional.of(e));
    }
    throw new IllegalArgumentException("unknown dunning event " + event);
  }

  public boolean stepTaken(String step) {
    return requested.stream().anyMatch(r -> r.step().name().equals(step));
  }
}
