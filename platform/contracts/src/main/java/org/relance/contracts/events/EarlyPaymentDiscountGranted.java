package org.relance.contracts.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

/**
 * The invoice was paid at its discounted amount inside the early-payment window its terms offered:
 * the discount settles the rest. Emitted just before the PaymentReceived that settles it. Key:
 * invoice id.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EarlyPaymentDiscountGranted(
    UUID invoiceId,
    BigDecimal ratePercent,
    int withinDays,
    BigDecimal discount,
    String currency,
    LocalDate grantedOn,
    String paymentReference,
    BigDecimal outstandingAfter)
    implements EventData {}
