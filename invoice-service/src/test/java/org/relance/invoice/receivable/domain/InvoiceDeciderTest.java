package org.relance.invoice.receivable.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.relance.contracts.Refusal;
import org.relance.contracts.Refusal.Violation;
import org.relance.contracts.money.Money;
import org.relance.invoice.receivable.domain.InvoiceDecider.PaymentOutcome;

/** Specifications of invoice decisions: given past events, when a command, then events. */
class InvoiceDeciderTest {

  private static final UUID ID = UUID.fromString("0b9c2a52-8a4e-4c39-9d3e-6f1d2c1b7a01");
  private static final LocalDate ISSUED = LocalDate.parse("2026-01-05");
  private static final LocalDate DUE = LocalDate.parse("2026-02-04");

  static InvoiceTerms terms(String amount, LocalDate issue, LocalDate due) {
    return new InvoiceTerms(
        "F-2026-0001",
        "FR",
        new Debtor(
            "C-1",
            "Dupont SARL",
            null,
            "compta@dupont.example",
            null,
            "fr",
            null,
            List.of(),
            List.of()),
        issue,
        due,
        Money.of(amount, "EUR"),
        null,
        null,
        null,
        null,
        null);
  }

  private static Invoice given(InvoiceEvent... events) {
    return Invoice.fold(List.of(events));
  }

  private static InvoiceEvent.InvoiceIssued issued() {
    return new InvoiceEvent.InvoiceIssued(ID, "default", terms("1200.00", ISSUED, DUE));
  }

  @Test
  void an_invoice_issued_before_its_due_date_is_open() {
    List<InvoiceEvent> events =
        InvoiceDecider.issue(ID, "default", terms("1200.00", ISSUED, DUE), ISSUED);

    assertThat(events).containsExactly(issued());
    assertThat(Invoice.fold(events).status()).isEqualTo(InvoiceStatus.OPEN);
  }

  @Test
  void an_invoice_already_past_due_at_intake_gets_its_due_date_passed_at_once() {
    List<InvoiceEvent> events =
        InvoiceDecider.issue(ID, "default", terms("1200.00", ISSUED, DUE), DUE.plusDays(10));

    assertThat(events).hasSize(2);
    assertThat(events.get(1))
        .isEqualTo(
            new InvoiceEvent.DueDatePassed(DUE, DUE.plusDays(1), Money.of("1200.00", "EUR")));
  }

  @Test
  void the_due_date_passes_on_the_day_after_it_and_not_on_the_due_date_itself() {
    Invoice open = given(issued());

    assertThat(InvoiceDecider.startDay(open, DUE)).isEmpty();
    assertThat(InvoiceDecider.startDay(open, DUE.plusDays(1)))
        .containsExactly(
            new InvoiceEvent.DueDatePassed(DUE, DUE.plusDays(1), Money.of("1200.00", "EUR")));
  }

  @Test
  void the_due_date_passes_only_once() {
    Invoice overdue =
        given(
            issued(),
            new InvoiceEvent.DueDatePassed(DUE, DUE.plusDays(1), Money.of("1200.00", "EUR")));

    assertThat(overdue.status()).isEqualTo(InvoiceStatus.OVERDUE);
    assertThat(InvoiceDecider.startDay(overdue, DUE.plusDays(2))).isEmpty();
  }

  @Test
  void an_invoice_paid_before_its_due_date_never_becomes_overdue() {
    Invoice paid = given(issued(), payment("VIR-1", "1200.00", "0.00", InvoiceStatus.PAID));

    assertThat(InvoiceDecider.startDay(paid, DUE.plusDays(1))).isEmpty();
    assertThat(paid.status()).isEqualTo(InvoiceStatus.PAID);
  }

  @Test
  void a_partial_payment_leaves_the_rest_outstanding() {
    PaymentOutcome outcome =
        InvoiceDecider.recordPayment(
            given(issued()), UUID.randomUUID(), "VIR-1", Money.of("200.00", "EUR"), DUE, DUE);

    assertThat(outcome).isInstanceOf(PaymentOutcome.Recorded.class);
    var event = ((PaymentOutcome.Recorded) outcome).event();
    assertThat(event.outstandingAfter()).isEqualTo(Money.of("1000.00", "EUR"));
    assertThat(event.status()).isEqualTo(InvoiceStatus.PARTIALLY_PAID);
  }

  @Test
  void the_same_payment_reference_with_the_same_content_is_recognised() {
    Invoice invoice =
        given(issued(), payment("VIR-1", "200.00", "1000.00", InvoiceStatus.PARTIALLY_PAID));

    assertThat(
            InvoiceDecider.recordPayment(
                invoice, UUID.randomUUID(), "VIR-1", Money.of("200.00", "EUR"), DUE, DUE))
        .isInstanceOf(PaymentOutcome.AlreadyRecorded.class);
    Refusal other =
        catchThrowableOfType(
            Refusal.class,
            () ->
                InvoiceDecider.recordPayment(
                    invoice, UUID.randomUUID(), "VIR-1", Money.of("300.00", "EUR"), DUE, DUE));
    assertThat(other.kind()).isEqualTo(Refusal.Kind.CONFLICT);
    assertThat(other.detail()).contains("VIR-1", "200.00");
  }

  @Test
  void a_payment_above_the_outstanding_amount_or_in_another_currency_or_in_the_future_is_refused() {
    Invoice invoice = given(issued());

    Refusal tooMuch = refused(invoice, Money.of("1200.01", "EUR"), DUE);
    Refusal dollars = refused(invoice, Money.of("10.00", "USD"), DUE);
    Refusal future = refused(invoice, Money.of("10.00", "EUR"), DUE.plusDays(1));

    assertThat(tooMuch.violations()).extracting(Violation::field).containsExactly("amount");
    assertThat(dollars.violations()).extracting(Violation::field).containsExactly("amount");
    assertThat(future.violations()).extracting(Violation::field).containsExactly("paidOn");
    assertThat(tooMuch.kind()).isEqualTo(Refusal.Kind.INVALID);
    assertThat(tooMuch.code()).isEqualTo("payment-refused");
    assertThat(tooMuch.title()).isEqualTo("Payment refused");
    assertThat(tooMuch.detail()).isEqualTo("the payment cannot be applied to invoice F-2026-0001");
  }

  private static Refusal refused(Invoice invoice, Money amount, LocalDate paidOn) {
    return catchThrowableOfType(
        Refusal.class,
        () -> InvoiceDecider.recordPayment(invoice, UUID.randomUUID(), "R", amount, paidOn, DUE));
  }

  @Test
  void paying_the_discounted_amount_inside_the_window_earns_the_discount_and_settles_the_invoice() {
    InvoiceTerms terms =
        new InvoiceTerms(
            "F-2026-0002",
            "FR",
            terms("1200.00", ISSUED, DUE).debtor(),
            ISSUED,
            DUE,
            Money.of("1200.00", "EUR"),
            null,
            null,
            null,
            new InvoiceTerms.EarlyPaymentDiscount(new java.math.BigDecimal("2"), 10),
            null);
    Invoice invoice = Invoice.fold(List.of(new InvoiceEvent.InvoiceIssued(ID, "default", terms)));

    var inWindow =
        InvoiceDecider.recordPayment(
            invoice,
            UUID.randomUUID(),
            "VIR-456",
            Money.of("1176.00", "EUR"),
            ISSUED.plusDays(10),
            ISSUED.plusDays(10));
    var late =
        InvoiceDecider.recordPayment(
            invoice,
            UUID.randomUUID(),
            "VIR-457",
            Money.of("1176.00", "EUR"),
            ISSUED.plusDays(11),
            ISSUED.plusDays(11));

    var recorded = (PaymentOutcome.Recorded) inWindow;
    assertThat(recorded.events()).hasSize(2);
    var granted = (InvoiceEvent.EarlyPaymentDiscountGranted) recorded.events().get(0);
    assertThat(granted.discount()).isEqualTo(Money.of("24.00", "EUR"));
    assertThat(recorded.event().status()).isEqualTo(InvoiceStatus.PAID);
    assertThat(
            Invoice.fold(
                    List.of(
                        new InvoiceEvent.InvoiceIssued(ID, "default", terms),
                        granted,
                        recorded.event()))
                .status())
        .isEqualTo(InvoiceStatus.PAID);
    var afterWindow = (PaymentOutcome.Recorded) late;
    assertThat(afterWindow.events()).hasSize(1);
    assertThat(afterWindow.event().outstandingAfter()).isEqualTo(Money.of("24.00", "EUR"));
  }

  @Test
  void a_due_date_before_the_issue_date_and_a_non_positive_amount_are_both_named() {
    List<Violation> faults = InvoiceDecider.check(terms("-5.00", DUE, ISSUED));

    assertThat(faults).extracting(Violation::field).containsExactlyInAnyOrder("amount", "dueDate");
  }

  private static InvoiceEvent.PaymentReceived payment(
      String ref, String amount, String after, InvoiceStatus status) {
    return new InvoiceEvent.PaymentReceived(
        UUID.nameUUIDFromBytes(ref.getBytes()),
        ref,
        Money.of(amount, "EUR"),
        DUE,
        Money.of(after, "EUR"),
        status);
  }
}
