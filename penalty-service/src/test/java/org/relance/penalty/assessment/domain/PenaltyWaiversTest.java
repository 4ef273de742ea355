package org.relance.penalty.assessment.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.relance.contracts.Refusal;

/** Waivers: given the invoice's penalty events, when a credit manager waives, then this. */
class PenaltyWaiversTest {

  private static final String INVOICE = "0b9c2a52-8a4e-4c39-9d3e-6f1d2c1b7a01";
  private static final String TENANT = "t-1";

  /** A statement of 4.39 interest and the 40.00 indemnity, of which {@code paid} was paid. */
  private static PenaltyEvent.Recorded assessed(String id, String tenant, String paid) {
    Statement s =
        new Statement(
            UUID.fromString(INVOICE),
            "F-1",
            Trigger.PAYMENT,
            null,
            Jurisdiction.FR,
            LocalDate.parse("2026-02-15"),
            LocalDate.parse("2026-02-04"),
            "EUR",
            Allocation.PRINCIPAL_FIRST,
            new BigDecimal("1200.00"),
            BigDecimal.ZERO,
            new BigDecimal("4.39"),
            new BigDecimal("40.00"),
            new BigDecimal("44.39"),
            new BigDecimal(paid),
            new BigDecimal("44.39").subtract(new BigDecimal(paid)),
            new BigDecimal("44.39").subtract(new BigDecimal(paid)),
            List.of(),
            null,
            List.of(),
            null,
            BigDecimal.ZERO);
    return new PenaltyEvent.Recorded(id, tenant, new PenaltyEvent.Assessed(s));
  }

  private static PenaltyEvent.Recorded waived(WaiverScope scope, String interest, String fixed) {
    return new PenaltyEvent.Recorded(
        "w",
        TENANT,
        new PenaltyEvent.Waived(
            INVOICE,
            scope,
            new BigDecimal(interest),
            new BigDecimal(fixed),
            "EUR",
            LocalDate.parse("2026-02-15"),
            "gesture",
            "cm"));
  }

  private static PenaltyWaivers.State given(PenaltyEvent.Recorded... events) {
    PenaltyWaivers.State state = PenaltyWaivers.State.initial(TENANT);
    for (PenaltyEvent.Recorded e : events) {
      state = PenaltyWaivers.evolve(state, e);
    }
    return state;
  }

  private static WaivePenalties waive(WaiverScope scope) {
    return new WaivePenalties(INVOICE, TENANT, scope, "commercial gesture", "cm@creditor.example");
  }

  @Test
  void waiving_all_waives_what_is_still_owed_of_each_component_as_of_the_statement() {
    PenaltyEvent.Waived w =
        PenaltyWaivers.decide(waive(WaiverScope.ALL), given(assessed("a1", TENANT, "0.00")));

    assertThat(w.interestWaived()).isEqualTo(new BigDecimal("4.39"));
    assertThat(w.indemnityWaived()).isEqualTo(new BigDecimal("40.00"));
    assertThat(w.asOf()).isEqualTo(LocalDate.parse("2026-02-15"));
    assertThat(w.currency()).isEqualTo("EUR");
    assertThat(w.actor()).isEqualTo("cm@creditor.example");
  }

  @Test
  void payments_went_to_interest_before_the_indemnity_and_earlier_waivers_are_deducted() {
    PenaltyEvent.Waived w =
        PenaltyWaivers.decide(
            waive(WaiverScope.ALL),
            given(assessed("a1", TENANT, "10.00"), waived(WaiverScope.INDEMNITY, "0.00", "5.00")));

    assertThat(w.interestWaived()).isEqualTo(new BigDecimal("0.00"));
    // 40 - (10 - 4.39 paid beyond the interest) - 5 already waived
    assertThat(w.indemnityWaived()).isEqualTo(new BigDecimal("29.39"));
  }

  @Test
  void waiving_again_what_is_already_waived_is_refused_as_nothing_to_waive() {
    assertThatThrownBy(
            () ->
                PenaltyWaivers.decide(
                    waive(WaiverScope.INDEMNITY),
                    given(
                        assessed("a1", TENANT, "0.00"),
                        waived(WaiverScope.INDEMNITY, "0.00", "40.00"))))
        .isInstanceOfSatisfying(
            Refusal.class,
            r -> {
              assertThat(r.kind()).isEqualTo(Refusal.Kind.CONFLICT);
              assertThat(r.title()).isEqualTo("Nothing to waive");
              assertThat(r.detail())
                  .isEqualTo(
                      "the indemnity penalties of invoice "
                          + INVOICE
                          + " as of 2026-02-15 are already waived or nil");
            });
  }

  @Test
  void an_invoice_without_a_statement_for_the_tenant_is_not_found() {
    assertThatThrownBy(
            () ->
                PenaltyWaivers.decide(
                    waive(WaiverScope.ALL), given(assessed("a1", "another-tenant", "0.00"))))
        .isInstanceOfSatisfying(
            Refusal.class, r -> assertThat(r.kind()).isEqualTo(Refusal.Kind.NOT_FOUND));
  }

  @Test
  void the_latest_statement_deducts_only_the_waivers_recorded_after_it() {
    PenaltyWaivers.Latest latest =
        PenaltyWaivers.latest(
            TENANT,
            List.of(
                assessed("a1", TENANT, "0.00"),
                waived(WaiverScope.INTEREST, "4.39", "0.00"),
                assessed("a2", TENANT, "0.00"),
                waived(WaiverScope.INDEMNITY, "0.00", "40.00")));

    assertThat(latest.eventId()).isEqualTo("a2");
    assertThat(latest.statement().penaltiesWaived()).isEqualTo(new BigDecimal("40.00"));
    assertThat(latest.statement().penaltiesOutstanding()).isEqualTo(new BigDecimal("4.39"));
    assertThat(latest.statement().amountDue()).isEqualTo(new BigDecimal("4.39"));
  }
}
