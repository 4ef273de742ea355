package org.relance.invoice.receivable.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.relance.contracts.money.Money;

/**
 * What the ERP issued: the content an identical re-post must repeat exactly.
 *
 * @param amount the amount due, including tax
 * @param contractualPenaltyRatePercent the late-payment rate of the terms of sale, if stated
 * @param earlyPaymentDiscount the discount offered for early payment (escompte), if any
 */
public record InvoiceTerms(
    String invoiceNumber,
    String jurisdiction,
    Debtor debtor,
    LocalDate issueDate,
    LocalDate dueDate,
    Money amount,
    Money amountExcludingTax,
    Money taxAmount,
    BigDecimal contractualPenaltyRatePercent,
    EarlyPaymentDiscount earlyPaymentDiscount,
    String purchaseOrder) {

  public record EarlyPaymentDiscount(BigDecimal ratePercent, int withinDays) {}
}
