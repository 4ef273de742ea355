package org.relance.invoice.personal.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.relance.contracts.Refusal;
import org.relance.contracts.money.Money;

class ErasureRulesTest {

  private static final UUID A = UUID.fromString("00000000-0000-0000-0000-00000000000a");
  private static final UUID B = UUID.fromString("00000000-0000-0000-0000-00000000000b");

  private static LocalDate d(String iso) {
    return LocalDate.parse(iso);
  }

  private static Claim claim(UUID id, String jurisdiction, String due, String outstanding) {
    return new Claim(
        id, "F-" + id.toString().substring(35), jurisdiction, d(due), Money.of(outstanding, "EUR"));
  }

  @Test
  void an_open_claim_inside_its_limitation_period_refuses_the_erasure_naming_it_and_why() {
    Claim open = claim(A, "FR", "2026-03-01", "1200.00");

    ErasureRules.Decision decision =
        ErasureRules.decide("D-1", List.of(open), d("2026-06-01"), false);

    assertThat(decision).isInstanceOf(ErasureRules.Refused.class);
    ErasureRules.Refused refused = (ErasureRules.Refused) decision;
    assertThat(refused.blockers()).hasSize(1);
    assertThat(refused.blockers().get(0).reason())
        .startsWith("open: 1200.00 EUR outstanding, the creditor may sue until 2031-03-01")
        .contains("L110-4");
    Refusal refusal = refused.refusal();
    assertThat(refusal.kind()).isEqualTo(Refusal.Kind.CONFLICT);
    assertThat(refusal.code()).isEqualTo("erasure-refused");
    assertThat(refusal.detail()).contains("F-a").contains(A.toString()).contains("override");
    assertThat(refusal.violations())
        .containsExactly(new Refusal.Violation(A.toString(), refused.blockers().get(0).reason()));
  }

  @Test
  void a_claim_paid_in_full_does_not_block() {
    ErasureRules.Decision decision =
        ErasureRules.decide(
            "D-1", List.of(claim(A, "FR", "2026-03-01", "0.00")), d("2026-03-02"), false);

    assertThat(decision).isEqualTo(new ErasureRules.Allowed(List.of()));
  }

  @Test
  void an_unpaid_claim_whose_limitation_period_has_ended_does_not_block() {
    Claim unpaid = claim(A, "FR", "2026-03-01", "1200.00");

    assertThat(ErasureRules.decide("D-1", List.of(unpaid), d("2031-03-01"), false))
        .isInstanceOf(ErasureRules.Refused.class);
    assertThat(ErasureRules.decide("D-1", List.of(unpaid), d("2031-03-02"), false))
        .isEqualTo(new ErasureRules.Allowed(List.of()));
  }

  @Test
  void a_german_claim_is_time_barred_after_the_third_new_year_and_a_british_one_after_six_years() {
    Claim german = claim(A, "DE", "2026-03-01", "100.00");
    Claim british = claim(B, "GB", "2026-03-01", "100.00");

    assertThat(ErasureRules.blocker(german, d("2029-12-31"))).isPresent();
    assertThat(ErasureRules.blocker(german, d("2030-01-01"))).isEmpty();
    assertThat(ErasureRules.blocker(british, d("2032-03-01")).orElseThrow().reason())
        .contains("until 2032-03-01")
        .contains("Limitation Act 1980");
    assertThat(ErasureRules.blocker(british, d("2032-03-02"))).isEmpty();
  }

  @Test
  void one_open_claim_among_closed_ones_refuses_and_only_it_is_named() {
    Claim paid = claim(A, "FR", "2026-01-01", "0.00");
    Claim open = claim(B, "FR", "2026-03-01", "50.00");

    ErasureRules.Refused refused =
        (ErasureRules.Refused)
            ErasureRules.decide("D-1", List.of(paid, open), d("2026-06-01"), false);

    assertThat(refused.blockers()).extracting(b -> b.claim().invoiceId()).containsExactly(B);
  }

  @Test
  void an_override_allows_and_records_the_claims_it_sets_aside() {
    Claim paid = claim(A, "FR", "2026-01-01", "0.00");
    Claim open = claim(B, "FR", "2026-03-01", "50.00");

    ErasureRules.Decision decision =
        ErasureRules.decide("D-1", List.of(paid, open), d("2026-06-01"), true);

    assertThat(decision).isInstanceOf(ErasureRules.Allowed.class);
    assertThat(((ErasureRules.Allowed) decision).overriddenInvoices()).containsExactly(B);
  }

  @Test
  void retention_ends_the_day_after_the_last_claim_could_be_pursued_paid_or_not() {
    Claim paid = claim(A, "FR", "2026-01-10", "0.00");
    Claim unpaid = claim(B, "DE", "2026-03-01", "80.00");

    // the paid French claim could still be sued for until 2031-01-10 (retention runs, paid or not)
    assertThat(ErasureRules.proposal("D-1", List.of(paid, unpaid), d("2031-01-10"))).isEmpty();
    ErasureRules.Proposal proposal =
        ErasureRules.proposal("D-1", List.of(paid, unpaid), d("2031-01-11")).orElseThrow();
    assertThat(proposal.subjectId()).isEqualTo("D-1");
    assertThat(proposal.retentionEndedOn()).isEqualTo(d("2031-01-11"));
    assertThat(proposal.claims()).containsExactly(paid, unpaid);
  }

  @Test
  void a_subject_without_claims_is_never_proposed() {
    assertThat(ErasureRules.proposal("D-1", List.of(), d("2040-01-01"))).isEmpty();
  }
}
