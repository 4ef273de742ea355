package org.relance.penalty.assessment.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * A statement of late-payment penalties (décompte des pénalités de retard) as penalty-service
 * states it: what a {@code PenaltyAssessed} says and what the quote answers.
 *
 * <p>Amounts are kept as they were stated (decimal strings with their scale), not re-rounded, so a
 * statement read back from the log says exactly what was published. The fields that the first
 * statements did not carry yet (allocation, the payments, the paid/outstanding split, the indemnity
 * rule, the discount, the waivers) are null in those; the invoice fields are null in a quote.
 *
 * @param requestId the formal notice's request this statement was made for, or null
 * @param indemnityRule null when no indemnity is due (the claim is not late)
 * @param earlyPaymentDiscount null when no discount was granted
 * @param penaltiesWaived what waivers have deducted from the penalties so far
 */
public record Statement(
    UUID invoiceId,
    String invoiceNumber,
    Trigger trigger,
    String requestId,
    Jurisdiction jurisdiction,
    LocalDate asOf,
    LocalDate dueDate,
    String currency,
    Allocation allocation,
    BigDecimal principal,
    BigDecimal principalOutstanding,
    BigDecimal interest,
    BigDecimal indemnity,
    BigDecimal total,
    BigDecimal penaltiesPaid,
    BigDecimal penaltiesOutstanding,
    BigDecimal amountDue,
    List<Payment> payments,
    Discount earlyPaymentDiscount,
    List<Period> periods,
    Assessment.Rule indemnityRule,
    BigDecimal penaltiesWaived) {

  public Statement {
    payments = payments == null ? null : List.copyOf(payments);
    periods = List.copyOf(periods);
  }

  /** A payment the statement took into account. */
  public record Payment(LocalDate paidOn, BigDecimal amount) {}

  /** One span of constant base and rate, as {@link Assessment.Period} computed it. */
  public record Period(
      LocalDate from,
      LocalDate to,
      long days,
      BigDecimal base,
      BigDecimal ratePercent,
      BigDecimal interest,
      String rule,
      String reference) {}

  /** A discount granted for early payment: it settled part of the principal, like a payment. */
  public record Discount(BigDecimal amount, BigDecimal ratePercent, LocalDate grantedOn) {}

  /**
   * The statement of any claim, as the quote answers it: no invoice, no trigger, no waivers. Only
   * the payments made by {@code asOf} are listed, in date order.
   */
  public static Statement of(Claim claim, Assessment a) {
    List<Payment> payments =
        claim.payments().stream()
            .filter(p -> !p.paidOn().isAfter(a.asOf()))
            .sorted(Comparator.comparing(Claim.Payment::paidOn))
            .map(p -> new Payment(p.paidOn(), p.amount().amount()))
            .toList();
    List<Period> periods =
        a.periods().stream()
            .map(
                p ->
                    new Period(
                        p.from(),
                        p.to(),
                        p.days(),
                        p.base().amount(),
                        // the rate as the law states it: 12.4 %, not 12.400 %
                        new BigDecimal(p.ratePercent().stripTrailingZeros().toPlainString()),
                        p.interest().amount(),
                        p.rule(),
                        p.reference()))
            .toList();
    return new Statement(
        null,
        null,
        null,
        null,
        a.jurisdiction(),
        a.asOf(),
        claim.dueDate(),
        a.principal().currencyCode(),
        a.allocation(),
        a.principal().amount(),
        a.principalOutstanding().amount(),
        a.interest().amount(),
        a.indemnity().amount(),
        a.total().amount(),
        a.penaltiesPaid().amount(),
        a.penaltiesOutstanding().amount(),
        a.amountDue().amount(),
        payments,
        null,
        periods,
        a.indemnityRule(),
        null);
  }

  /**
   * The statement of an invoice's penalties, made for {@code trigger}. An early-payment discount
   * among the credits shows as what it is rather than as one of the payments.
   */
  public static Statement of(
      PenaltyCase.Invoice invoice,
      Trigger trigger,
      String requestId,
      Claim claim,
      Assessment a,
      List<PenaltyCase.Credit> credits) {
    Statement s = of(claim, a);
    List<Payment> payments = new ArrayList<>(s.payments());
    Discount discount = null;
    for (PenaltyCase.Credit c : credits) {
      if (c.kind() == PenaltyCase.Credit.Kind.EARLY_PAYMENT_DISCOUNT) {
        discount = new Discount(c.amount(), c.ratePercent(), c.paidOn());
        // the discount went into the claim as a payment of the same day and amount: take one out
        for (int i = 0; i < payments.size(); i++) {
          Payment p = payments.get(i);
          if (p.paidOn().equals(c.paidOn())
              && p.amount().toPlainString().equals(c.amount().toPlainString())) {
            payments.remove(i);
            break;
          }
        }
      }
    }
    return new Statement(
        invoice.invoiceId(),
        invoice.invoiceNumber(),
        trigger,
        requestId,
        s.jurisdiction(),
        s.asOf(),
        s.dueDate(),
        s.currency(),
        s.allocation(),
        s.principal(),
        s.principalOutstanding(),
        s.interest(),
        s.indemnity(),
        s.total(),
        s.penaltiesPaid(),
        s.penaltiesOutstanding(),
        s.amountDue(),
        payments,
        discount,
        s.periods(),
        s.indemnityRule(),
        s.penaltiesWaived());
  }

  /**
   * Deducts {@code waived} from the penalties still due, adding to what the statement already shows
   * as waived; the amount due follows. Accrued penalties stay due after the principal is paid until
   * the creditor waives them.
   */
  public Statement withWaivers(BigDecimal waived) {
    BigDecimal earlier = penaltiesWaived == null ? BigDecimal.ZERO : penaltiesWaived;
    BigDecimal applied = waived.min(penaltiesOutstanding);
    BigDecimal left = penaltiesOutstanding.subtract(applied);
    return new Statement(
        invoiceId,
        invoiceNumber,
        trigger,
        requestId,
        jurisdiction,
        asOf,
        dueDate,
        currency,
        allocation,
        principal,
        principalOutstanding,
        interest,
        indemnity,
        total,
        penaltiesPaid,
        cents(left),
        cents(principalOutstanding.add(left)),
        payments,
        earlyPaymentDiscount,
        periods,
        indemnityRule,
        cents(earlier.add(applied)));
  }

  private static BigDecimal cents(BigDecimal amount) {
    return amount.setScale(2, RoundingMode.HALF_UP);
  }
}
