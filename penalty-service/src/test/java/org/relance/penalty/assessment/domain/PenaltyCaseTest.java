package org.relance.penalty.assessment.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.relance.penalty.rates.domain.RateBook;

/** An invoice's case: given what is known of it, when a fact arrives, then these assessments. */
class PenaltyCaseTest {

  private static final PenaltyCase.Invoice INVOICE =
      new PenaltyCase.Invoice(
          UUID.fromString("0b9c2a52-8a4e-4c39-9d3e-6f1d2c1b7a01"),
          "F-1",
          null,
          "EUR",
          new BigDecimal("1200.00"),
          LocalDate.parse("2026-02-04"),
          null);

  private static final PenaltyCase.History NEVER_ASSESSED =
      new PenaltyCase.History(BigDecimal.ZERO, false);

  private static PenaltyCase.Fact.Cause on(String day) {
    return new PenaltyCase.Fact.Cause("cause-" + day, LocalDate.parse(day));
  }

  private static PenaltyCase issued() {
    return PenaltyCase.empty().with(new PenaltyCase.Fact.InvoiceIssued("t-1", INVOICE));
  }

  @Test
  void an_invoice_paid_on_time_and_never_assessed_says_nothing() {
    PenaltyCase c =
        issued()
            .with(
                new PenaltyCase.Fact.PaymentReceived(
                    UUID.randomUUID(),
                    LocalDate.parse("2026-02-04"),
                    new BigDecimal("1200.00"),
                    on("2026-02-04")));

    PenaltyCase.Assessments out = c.assess(NEVER_ASSESSED, RateBook.seed(), null);

    assertThat(out.made()).isEmpty();
    assertThat(out.waiting()).isEmpty();
  }

  @Test
  void a_due_date_passed_before_its_invoice_waits_for_it_then_is_assessed_as_of_the_later_day() {
    PenaltyCase waiting =
        PenaltyCase.empty()
            .with(
                new PenaltyCase.Fact.DueDatePassed(
                    LocalDate.parse("2026-02-05"), on("2026-02-07")));

    assertThat(waiting.assess(NEVER_ASSESSED, RateBook.seed(), null).waiting()).hasSize(1);

    PenaltyCase.Assessments out =
        waiting
            .with(new PenaltyCase.Fact.InvoiceIssued("t-1", INVOICE))
            .assess(NEVER_ASSESSED, RateBook.seed(), null);

    assertThat(out.made()).hasSize(1);
    Statement s = out.made().get(0).statement();
    assertThat(s.trigger()).isEqualTo(Trigger.DUE_DATE_PASSED);
    // processed on the 7th, three days late: assessed as of the day it was processed
    assertThat(s.asOf()).isEqualTo(LocalDate.parse("2026-02-07"));
    assertThat(s.jurisdiction()).as("no jurisdiction means France").isEqualTo(Jurisdiction.FR);
    assertThat(out.made().get(0).cause().causationId()).isEqualTo("cause-2026-02-07");
  }

  @Test
  void an_assessment_past_the_verified_rates_waits_naming_the_missing_rate() {
    PenaltyCase c =
        issued()
            .with(
                new PenaltyCase.Fact.CaseEscalated(
                    LocalDate.parse("2030-01-15"), on("2030-01-15")));

    PenaltyCase.Assessments out = c.assess(NEVER_ASSESSED, RateBook.seed(), null);

    assertThat(out.made()).isEmpty();
    assertThat(out.parked()).hasSize(1);
    assertThat(out.waiting()).isEqualTo(out.parked());
    assertThat(out.parked().get(0).waitingFor()).contains("verified only through");
  }

  @Test
  void
      only_a_formal_notice_among_reminders_calls_for_penalties_and_a_discount_waits_for_its_payment() {
    PenaltyCase.Fact friendly = new PenaltyCase.Fact.ReminderRequested(false, null, null);
    PenaltyCase.Fact notice =
        new PenaltyCase.Fact.ReminderRequested(true, "req-1", on("2026-03-06"));
    PenaltyCase.Fact discount =
        new PenaltyCase.Fact.EarlyPaymentDiscountGranted(
            LocalDate.parse("2026-01-10"), new BigDecimal("24.00"), new BigDecimal("2.00"));

    assertThat(PenaltyCase.irrelevant(friendly)).isTrue();
    assertThat(PenaltyCase.assessesAfter(discount)).isFalse();
    PenaltyCase.PendingAssessment pending = issued().with(notice).pending().get(0);
    assertThat(pending.trigger()).isEqualTo(Trigger.FORMAL_NOTICE);
    assertThat(pending.asOf()).isEqualTo(LocalDate.parse("2026-03-06"));
    assertThat(pending.requestId()).isEqualTo("req-1");
  }
}
