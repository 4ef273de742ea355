package org.relance.contracts.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.UUID;

/** An instalment was missed; dunning resumes for the remaining amount. Key: invoice id. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PaymentPlanDefaulted(
    UUID invoiceId,
    UUID paymentPlanId,
    LocalDate instalmentDueDate,
    String expectedPaid,
    String paid,
    String outstanding,
    String currency,
    LocalDate defaultedOn)
    implements EventData {}
