package org.relance.dunning.cases.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.relance.contracts.money.Money;
import org.relance.dunning.plan.domain.DunningPlan;

/**
 * Specifications of the foundation's default plan: D+1 friendly email, D+30 formal notice,
 * escalation.
 */
class DunningDeciderTest {

  private static final LocalDate DUE = LocalDate.parse("2026-02-04");
  private static final UUID ID = UUID.fromString("0b9c2a52-8a4e-4c39-9d3e-6f1d2c1b7a01");

  private static InvoiceFacts facts(String outstanding) {
    return new InvoiceFacts(
        ID,
        "default",
        "F-2026-0001",
        new InvoiceFacts.Debtor("C-1", "Dupont SARL", "compta@dupont.example", "fr", List.of()),
        LocalDate.parse("2026-01-05"),
        DUE,
        Money.of("1200.00", "EUR"),
        Money.of(outstanding, "EUR"));
  }

  /**
   * Runs the plan day by day from the due date to {@code last}, as the clock would; each reminder
   * gets the given delivery outcome the day it is requested.
   */
  private static List<DunningEvent> runUntil(InvoiceFacts facts, LocalDate last, Delivery outcome) {
    DunningCase c = DunningCase.of(facts, List.of());
    List<DunningEvent> all = new ArrayList<>();
    java.util.Map<UUID, Delivery> deliveries = new java.util.HashMap<>();
    for (LocalDate d = DUE; !d.isAfter(last); d = d.plusDays(1)) {
      for (DunningEvent e : DunningDecider.decide(c, DunningPlan.DEFAULT, d)) {
        c = c.evolve(e);
        all.add(e);
        if (e instanceof DunningEvent.ReminderRequested r) {
          if (outcome != null) {
            deliveries.put(r.requestId(), outcome);
          }
          c = new DunningCase(c.facts(), c.requested(), c.escalated(), deliveries);
        }
      }
    }
    return all;
  }

  private static List<DunningEvent> runUntil(InvoiceFacts facts, LocalDate last) {
    return runUntil(facts, last, Delivery.SENT);
  }

  @Test
  void nothing_is_requested_on_the_due_date_itself() {
    assertThat(runUntil(facts("1200.00"), DUE)).isEmpty();
  }

  @Test
  void the_friendly_email_is_requested_the_day_after_the_due_date() {
    List<DunningEvent> events = runUntil(facts("1200.00"), DUE.plusDays(1));

    assertThat(events).hasSize(1);
    var friendly = (DunningEvent.ReminderRequested) events.get(0);
    assertThat(friendly.step().name()).isEqualTo("FRIENDLY_EMAIL");
    assertThat(friendly.requestedOn()).isEqualTo(DUE.plusDays(1));
    assertThat(friendly.recipient()).isEqualTo("compta@dupont.example");
    assertThat(friendly.amountDue()).isEqualTo(Money.of("1200.00", "EUR"));
  }

  @Test
  void
      the_formal_notice_comes_at_d_plus_30_with_eight_days_to_pay_and_escalation_the_day_after_the_deadline() {
    List<DunningEvent> events = runUntil(facts("1200.00"), DUE.plusDays(60));

    assertThat(events).hasSize(3);
    var notice = (DunningEvent.ReminderRequested) events.get(1);
    assertThat(notice.step().name()).isEqualTo("FORMAL_NOTICE");
    assertThat(notice.requestedOn()).isEqualTo(DUE.plusDays(30));
    assertThat(notice.responseDeadline()).isEqualTo(DUE.plusDays(38));
    var escalated = (DunningEvent.CaseEscalated) events.get(2);
    assertThat(escalated.escalatedOn()).isEqualTo(DUE.plusDays(39));
    assertThat(escalated.stepsTaken()).hasSize(2);
    assertThat(escalated.reason()).contains("deadline");
  }

  @Test
  void a_formal_notice_that_could_not_be_sent_never_leads_to_escalation() {
    List<DunningEvent> events = runUntil(facts("1200.00"), DUE.plusDays(90), Delivery.FAILED);

    assertThat(events).hasSize(2);
    assertThat(events).noneMatch(e -> e instanceof DunningEvent.CaseEscalated);
  }

  @Test
  void escalation_waits_until_the_notice_is_known_to_have_been_sent() {
    List<DunningEvent> events = runUntil(facts("1200.00"), DUE.plusDays(60), null);

    assertThat(events).hasSize(2);
  }

  @Test
  void a_paid_invoice_gets_no_reminder_and_no_escalation() {
    assertThat(runUntil(facts("0.00"), DUE.plusDays(90))).isEmpty();
  }

  @Test
  void a_partial_payment_changes_the_amount_the_next_reminder_claims() {
    List<DunningEvent> events = runUntil(facts("700.00"), DUE.plusDays(1));

    assertThat(((DunningEvent.ReminderRequested) events.get(0)).amountDue())
        .isEqualTo(Money.of("700.00", "EUR"));
  }

  @Test
  void an_invoice_discovered_long_past_due_walks_the_ladder_one_step_a_day_without_skipping_it() {
    InvoiceFacts facts = facts("1200.00");
    DunningCase c = DunningCase.of(facts, List.of());
    LocalDate day = DUE.plusDays(45);

    var first = DunningDecider.decide(c, DunningPlan.DEFAULT, day);
    c = c.evolve(first.get(0));
    var second = DunningDecider.decide(c, DunningPlan.DEFAULT, day.plusDays(1));

    assertThat(((DunningEvent.ReminderRequested) first.get(0)).step().name())
        .isEqualTo("FRIENDLY_EMAIL");
    assertThat(((DunningEvent.ReminderRequested) second.get(0)).step().name())
        .isEqualTo("FORMAL_NOTICE");
  }

  @Test
  void a_step_is_never_requested_twice_and_its_request_id_is_stable() {
    List<DunningEvent> events = runUntil(facts("1200.00"), DUE.plusDays(120));

    assertThat(
            events.stream()
                .filter(e -> e instanceof DunningEvent.ReminderRequested)
                .map(e -> ((DunningEvent.ReminderRequested) e).requestId())
                .distinct())
        .hasSize(2);
    assertThat(((DunningEvent.ReminderRequested) events.get(0)).requestId())
        .isEqualTo(DunningDecider.requestId(ID, DunningPlan.DEFAULT.steps().get(0)));
    assertThat(events.stream().filter(e -> e instanceof DunningEvent.CaseEscalated)).hasSize(1);
  }
}
