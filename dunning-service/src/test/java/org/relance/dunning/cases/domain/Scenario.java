package org.relance.dunning.cases.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.relance.contracts.money.Money;
import org.relance.dunning.calendar.application.Holidays;
import org.relance.dunning.calendar.domain.BusinessCalendar;
import org.relance.dunning.plan.domain.BuiltInPlans;
import org.relance.dunning.plan.domain.DunningPlan;
import org.relance.dunning.plan.domain.Segments;

/**
 * Given/when/then for dunning: an invoice, what happens to it (payments, disputes, commands), and
 * the plan run day by day as the clock would run it, with the French calendar. Every reminder is
 * delivered the day it is requested unless the scenario says otherwise.
 */
final class Scenario {

  static final UUID ID = UUID.fromString("0b9c2a52-8a4e-4c39-9d3e-6f1d2c1b7a01");
  static final BusinessCalendar FRANCE = Holidays.of("FR");

  private InvoiceFacts facts;
  private final List<DunningEvent> log = new ArrayList<>();
  private final Map<UUID, Delivery> deliveries = new HashMap<>();
  private final Map<LocalDate, List<DunningEvent>> byDay = new HashMap<>();
  private final List<DunningPlan> published = new ArrayList<>();
  private Segments segments = Segments.BUILT_IN;
  private int latePayments;
  private Delivery delivery = Delivery.SENT;
  private LocalDate nextDay;

  private Scenario(InvoiceFacts facts) {
    this.facts = facts;
    this.nextDay = facts.issueDate();
  }

  /** An invoice of {@code amount} EUR issued 30 days before its due date. */
  static Scenario invoice(String amount, String dueDate) {
    return invoice(amount, dueDate, List.of());
  }

  static Scenario invoice(String amount, String dueDate, List<String> debtorSegments) {
    LocalDate due = LocalDate.parse(dueDate);
    return new Scenario(
        new InvoiceFacts(
            ID,
            "default",
            "F-2026-0001",
            new InvoiceFacts.Debtor(
                "C-1", "Dupont SARL", "compta@dupont.example", "fr", List.of(), debtorSegments),
            due.minusDays(30),
            due,
            Money.of(amount, "EUR"),
            Money.of(amount, "EUR"),
            null,
            List.of()));
  }

  /** The clock starts on {@code day} (an invoice imported late, a service started late). */
  Scenario startingOn(String day) {
    nextDay = LocalDate.parse(day);
    return this;
  }

  Scenario penaltiesDue(String amount) {
    facts = facts.withPenaltiesDue(Money.of(amount, "EUR"));
    return this;
  }

  Scenario publishing(DunningPlan plan) {
    published.add(plan);
    return this;
  }

  Scenario withSegments(Segments s) {
    this.segments = s;
    return this;
  }

  Scenario debtorPaidLate(int times) {
    this.latePayments = times;
    return this;
  }

  /** Reminders requested from now on get this outcome (null: no news from notification). */
  Scenario deliveries(Delivery outcome) {
    this.delivery = outcome;
    return this;
  }

  PlanBook plans() {
    List<DunningPlan> own = List.copyOf(published);
    return new PlanBook() {
      @Override
      public Optional<DunningPlan> find(String planId, int version) {
        return own.stream()
            .filter(p -> p.id().equals(planId) && p.version() == version)
            .findFirst()
            .or(() -> BuiltInPlans.find(planId).filter(p -> p.version() == version));
      }

      @Override
      public Optional<DunningPlan> latest(String planId) {
        return own.stream()
            .filter(p -> p.id().equals(planId))
            .max(java.util.Comparator.comparingInt(DunningPlan::version))
            .or(() -> BuiltInPlans.find(planId));
      }
    };
  }

  DayContext context() {
    return new DayContext(FRANCE, plans(), segments, latePayments);
  }

  DunningCase dunning() {
    return DunningCase.of(facts, log, deliveries);
  }

  /** Runs the clock through {@code last} (inclusive), deciding every day. */
  Scenario runThrough(String last) {
    LocalDate end = LocalDate.parse(last);
    for (; !nextDay.isAfter(end); nextDay = nextDay.plusDays(1)) {
      List<DunningEvent> decided = DunningDecider.decide(dunning(), nextDay, context());
      byDay.put(nextDay, decided);
      for (DunningEvent e : decided) {
        log.add(e);
        if (e instanceof DunningEvent.ReminderRequested r && delivery != null) {
          deliveries.put(r.requestId(), delivery);
        }
      }
    }
    return this;
  }

  /** The principal outstanding becomes {@code outstanding} (a payment before the next day). */
  Scenario paidDownTo(String outstanding) {
    facts = facts.withOutstanding(Money.of(outstanding, "EUR"));
    return this;
  }

  Scenario disputeOpened(String on) {
    List<InvoiceFacts.Dispute> disputes = new ArrayList<>(facts.disputes());
    disputes.add(
        new InvoiceFacts.Dispute(UUID.randomUUID(), "QUANTITY", LocalDate.parse(on), null));
    facts = facts.withDisputes(disputes);
    return this;
  }

  Scenario disputeResolved(String on) {
    List<InvoiceFacts.Dispute> disputes = new ArrayList<>();
    for (InvoiceFacts.Dispute d : facts.disputes()) {
      disputes.add(
          d.resolvedOn() == null
              ? new InvoiceFacts.Dispute(
                  d.disputeId(), d.category(), d.openedOn(), LocalDate.parse(on))
              : d);
    }
    facts = facts.withDisputes(disputes);
    return this;
  }

  Scenario resolvedWithCreditNote(String on) {
    List<InvoiceFacts.Dispute> disputes = new ArrayList<>();
    for (InvoiceFacts.Dispute d : facts.disputes()) {
      disputes.add(
          d.resolvedOn() == null
              ? new InvoiceFacts.Dispute(
                  d.disputeId(), d.category(), d.openedOn(), LocalDate.parse(on), "CREDIT_NOTE_DUE")
              : d);
    }
    facts = facts.withDisputes(disputes);
    return this;
  }

  /** notification-service's outcome for a request the scenario made by command. */
  Scenario delivered(UUID requestId, Delivery outcome) {
    deliveries.put(requestId, outcome);
    return this;
  }

  /** A command on the case as it stands (a promise, a pause...): its events join the log. */
  Scenario command(Function<DunningCase, List<DunningEvent>> command) {
    log.addAll(command.apply(dunning()));
    return this;
  }

  List<DunningEvent> log() {
    return List.copyOf(log);
  }

  List<DunningEvent> on(String day) {
    return byDay.getOrDefault(LocalDate.parse(day), List.of());
  }

  /** "STEP@date" for every step taken (reminder or first call), in order. */
  List<String> stepsTaken() {
    List<String> out = new ArrayList<>();
    for (DunningEvent e : log) {
      if (e instanceof DunningEvent.ReminderRequested r) {
        out.add(r.step().name() + "@" + r.requestedOn());
      } else if (e instanceof DunningEvent.CallTaskOpened t) {
        out.add(t.step().name() + "#" + t.attempt() + "@" + t.day());
      }
    }
    return out;
  }

  <T extends DunningEvent> List<T> events(Class<T> type) {
    return log.stream().filter(type::isInstance).map(type::cast).toList();
  }

  Optional<DunningEvent.CaseEscalated> escalation() {
    return events(DunningEvent.CaseEscalated.class).stream().findFirst();
  }

  Optional<DunningEvent.ReminderRequested> requested(String step) {
    return events(DunningEvent.ReminderRequested.class).stream()
        .filter(r -> r.step().name().equals(step))
        .findFirst();
  }

  static BigDecimal eur(String amount) {
    return new BigDecimal(amount);
  }
}
