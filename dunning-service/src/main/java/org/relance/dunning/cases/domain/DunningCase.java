package org.relance.dunning.cases.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One invoice's dunning: the facts known about it, the decisions taken so far, and what became of
 * each reminder request (sent or failed), by request id.
 */
public record DunningCase(
    InvoiceFacts facts,
    List<DunningEvent.ReminderRequested> requested,
    Optional<DunningEvent.CaseEscalated> escalated,
    Map<UUID, Delivery> deliveries) {

  public DunningCase {
    requested = List.copyOf(requested);
    deliveries = Map.copyOf(deliveries);
  }

  public static DunningCase of(InvoiceFacts facts, List<DunningEvent> decisions) {
    return of(facts, decisions, Map.of());
  }

  public static DunningCase of(
      InvoiceFacts facts, List<DunningEvent> decisions, Map<UUID, Delivery> deliveries) {
    DunningCase c = new DunningCase(facts, List.of(), Optional.empty(), deliveries);
    for (DunningEvent e : decisions) {
      c = c.evolve(e);
    }
    return c;
  }

  public DunningCase evolve(DunningEvent event) {
    if (event instanceof DunningEvent.ReminderRequested r) {
      List<DunningEvent.ReminderRequested> all = new ArrayList<>(requested);
      all.add(r);
      return new DunningCase(facts, all, escalated, deliveries);
    }
    if (event instanceof DunningEvent.CaseEscalated e) {
      return new DunningCase(facts, requested, Optional.of(e), deliveries);
    }
    throw new IllegalArgumentException("unknown dunning event " + event);
  }

  public boolean stepTaken(String step) {
    return requested.stream().anyMatch(r -> r.step().name().equals(step));
  }

  public Optional<Delivery> delivery(UUID requestId) {
    return Optional.ofNullable(deliveries.get(requestId));
  }
}
