package org.relance.invoice.receivable.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.relance.contracts.Refusal;
import org.relance.contracts.Refusal.Violation;
import org.relance.contracts.money.Money;

/** Specifications of disputes on an invoice: given past events, when a command, then events. */
class InvoiceDisputeTest {

  private static final UUID ID = UUID.fromString("0b9c2a52-8a4e-4c39-9d3e-6f1d2c1b7a01");
  private static final UUID FIRST = UUID.fromString("7d0f3c0e-00d1-4000-8000-0000000000d1");
  private static final UUID SECOND = UUID.fromString("7d0f3c0e-00d2-4000-8000-0000000000d2");
  private static final LocalDate ISSUED = LocalDate.parse("2026-01-05");
  private static final LocalDate DUE = LocalDate.parse("2026-02-04");
  private static final LocalDate TODAY = LocalDate.parse("2026-02-10");
  private static final String ACTOR = "credit-manager@creditor.example";

  private static Invoice given(InvoiceEvent... events) {
    return Invoice.fold(List.of(events));
  }

  private static InvoiceEvent.InvoiceIssued issued() {
    return new InvoiceEvent.InvoiceIssued(
        ID, "default", InvoiceDeciderTest.terms("1200.00", ISSUED, DUE));
  }

  private static InvoiceEvent.DueDatePassed duePassed() {
    return new InvoiceEvent.DueDatePassed(DUE, DUE.plusDays(1), Money.of("1200.00", "EUR"));
  }

  private static InvoiceEvent.PaymentReceived paid(String amount, String after) {
    Money rest = Money.of(after, "EUR");
    return new InvoiceEvent.PaymentReceived(
        UUID.nameUUIDFromBytes(amount.getBytes()),
        "VIR-" + amount,
        Money.of(amount, "EUR"),
        DUE,
        rest,
        rest.isZero() ? InvoiceStatus.PAID : InvoiceStatus.PARTIALLY_PAID);
  }

  private static InvoiceEvent.InvoiceDisputed disputed(UUID disputeId, LocalDate on) {
    return new InvoiceEvent.InvoiceDisputed(
        disputeId, DisputeCategory.QUANTITY, "2 pallets of 10 were not delivered", null, on, ACTOR);
  }

  private static InvoiceEvent.InvoiceDisputed open(Invoice invoice, UUID disputeId, Money amount) {
    return InvoiceDecider.openDispute(
        invoice,
        disputeId,
        DisputeCategory.QUANTITY,
        "2 pallets of 10 were not delivered",
        amount,
        ACTOR,
        TODAY);
  }

  private static Refusal refusal(ThrowingCallable decision) {
    return catchThrowableOfType(Refusal.class, decision);
  }

  private static InvoiceEvent.InvoiceDisputeResolved resolve(Invoice invoice, UUID disputeId) {
    return InvoiceDecider.resolveDispute(
        invoice,
        disputeId,
        DisputeOutcome.UPHELD_FOR_CREDITOR,
        "signed delivery note received",
        ACTOR,
        TODAY.plusDays(7));
  }

  @Test
  void
      a_dispute_on_an_overdue_invoice_is_dated_by_the_business_clock_and_becomes_its_open_dispute() {
    Invoice overdue = given(issued(), duePassed());

    InvoiceEvent.InvoiceDisputed decision = open(overdue, FIRST, Money.of("240.00", "EUR"));

    InvoiceEvent.InvoiceDisputed expected =
        new InvoiceEvent.InvoiceDisputed(
            FIRST,
            DisputeCategory.QUANTITY,
            "2 pallets of 10 were not delivered",
            Money.of("240.00", "EUR"),
            TODAY,
            ACTOR);
    assertThat(decision).isEqualTo(expected);
    Invoice after = overdue.evolve(expected);
    assertThat(after.openDispute()).map(Dispute::id).contains(FIRST);
    assertThat(after.openDispute()).map(Dispute::openedBy).contains(ACTOR);
    assertThat(after.version()).isEqualTo(3);
    // a dispute pauses dunning; it does not change what is owed
    assertThat(after.outstanding()).isEqualTo(Money.of("1200.00", "EUR"));
    assertThat(after.status()).isEqualTo(InvoiceStatus.OVERDUE);
  }

  @Test
  void a_dispute_without_an_amount_contests_the_whole_invoice() {
    var event = open(given(issued()), FIRST, null);

    assertThat(event.amountDisputed()).isNull();
    assertThat(given(issued(), event).openDispute()).isPresent();
  }

  @Test
  void a_dispute_cannot_be_opened_on_an_unknown_invoice() {
    assertThat(refusal(() -> open(Invoice.NONE, FIRST, null)).kind())
        .isEqualTo(Refusal.Kind.NOT_FOUND);
  }

  @Test
  void a_dispute_cannot_be_opened_on_a_paid_invoice() {
    Invoice paid = given(issued(), paid("1200.00", "0.00"));

    Refusal refused = refusal(() -> open(paid, FIRST, null));

    assertThat(refused.kind()).isEqualTo(Refusal.Kind.INVALID);
    assertThat(refused.code()).isEqualTo("dispute-refused");
    assertThat(refused.title()).isEqualTo("Dispute refused");
    assertThat(refused.detail()).contains("paid in full");
    assertThat(refused.violations()).isEmpty();
  }

  @Test
  void a_second_dispute_is_refused_while_one_is_open() {
    Invoice disputedInvoice = given(issued(), disputed(FIRST, TODAY));

    Refusal conflict = refusal(() -> open(disputedInvoice, SECOND, null));

    assertThat(conflict.kind()).isEqualTo(Refusal.Kind.CONFLICT);
    assertThat(conflict.detail()).contains(FIRST.toString());
  }

  @Test
  void a_new_dispute_can_be_opened_once_the_previous_one_is_resolved() {
    InvoiceEvent resolved =
        new InvoiceEvent.InvoiceDisputeResolved(
            FIRST, DisputeOutcome.WITHDRAWN_BY_DEBTOR, null, TODAY, ACTOR);
    Invoice invoice = given(issued(), disputed(FIRST, TODAY), resolved);

    Invoice after = invoice.evolve(open(invoice, SECOND, null));
    assertThat(after.openDispute()).map(Dispute::id).contains(SECOND);
    assertThat(after.disputes()).extracting(Dispute::id).containsExactly(FIRST, SECOND);
  }

  @Test
  void
      the_disputed_amount_must_be_positive_at_most_the_outstanding_amount_and_in_the_invoice_currency() {
    Invoice partlyPaid = given(issued(), paid("200.00", "1000.00"));

    List<Money> refused =
        List.of(
            Money.of("0.00", "EUR"),
            Money.of("-5.00", "EUR"),
            Money.of("1000.01", "EUR"),
            Money.of("100.00", "USD"));
    for (Money amount : refused) {
      Refusal refusal = refusal(() -> open(partlyPaid, FIRST, amount));
      assertThat(refusal.code()).as(amount.toString()).isEqualTo("dispute-refused");
      assertThat(refusal.violations())
          .as(amount.toString())
          .extracting(Violation::field)
          .containsExactly("amountDisputed");
    }
    assertThat(open(partlyPaid, FIRST, Money.of("1000.00", "EUR")).amountDisputed())
        .isEqualTo(Money.of("1000.00", "EUR"));
  }

  @Test
  void resolving_a_dispute_closes_it_and_keeps_it_in_the_history() {
    Invoice disputedInvoice = given(issued(), duePassed(), disputed(FIRST, TODAY));

    InvoiceEvent.InvoiceDisputeResolved decision = resolve(disputedInvoice, FIRST);

    InvoiceEvent.InvoiceDisputeResolved expected =
        new InvoiceEvent.InvoiceDisputeResolved(
            FIRST,
            DisputeOutcome.UPHELD_FOR_CREDITOR,
            "signed delivery note received",
            TODAY.plusDays(7),
            ACTOR);
    assertThat(decision).isEqualTo(expected);
    Invoice after = disputedInvoice.evolve(expected);
    assertThat(after.openDispute()).isEmpty();
    assertThat(after.disputes()).hasSize(1);
    Dispute closed = after.disputes().get(0);
    assertThat(closed.isOpen()).isFalse();
    assertThat(closed.openedOn()).isEqualTo(TODAY);
    assertThat(closed.resolution())
        .isEqualTo(
            new Dispute.Resolution(
                DisputeOutcome.UPHELD_FOR_CREDITOR,
                "signed delivery note received",
                TODAY.plusDays(7),
                ACTOR));
  }

  @Test
  void resolving_a_dispute_the_invoice_does_not_have_is_not_found() {
    Invoice disputedInvoice = given(issued(), disputed(FIRST, TODAY));

    Refusal unknown = refusal(() -> resolve(disputedInvoice, SECOND));

    assertThat(unknown.kind()).isEqualTo(Refusal.Kind.NOT_FOUND);
    assertThat(unknown.detail()).contains(SECOND.toString());
    assertThat(refusal(() -> resolve(Invoice.NONE, FIRST)).kind())
        .isEqualTo(Refusal.Kind.NOT_FOUND);
  }

  @Test
  void a_dispute_cannot_be_resolved_twice() {
    Invoice resolvedOnce =
        given(
            issued(),
            disputed(FIRST, TODAY),
            new InvoiceEvent.InvoiceDisputeResolved(
                FIRST, DisputeOutcome.SETTLED, null, TODAY.plusDays(1), ACTOR));

    Refusal twice = refusal(() -> resolve(resolvedOnce, FIRST));

    assertThat(twice.kind()).isEqualTo(Refusal.Kind.CONFLICT);
    assertThat(twice.detail()).contains("already resolved").contains("SETTLED");
  }

  @Test
  void a_dispute_still_open_when_the_invoice_is_paid_stays_open_until_resolved() {
    Invoice invoice = given(issued(), disputed(FIRST, TODAY), paid("1200.00", "0.00"));

    assertThat(invoice.status()).isEqualTo(InvoiceStatus.PAID);
    assertThat(invoice.openDispute()).map(Dispute::id).contains(FIRST);
    assertThat(resolve(invoice, FIRST).disputeId()).isEqualTo(FIRST);
  }
}
