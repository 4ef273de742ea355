package org.relance.contracts.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** An instalment schedule (échéancier) replaces the dunning plan. Key: invoice id. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PaymentPlanAgreed(
    UUID invoiceId,
    UUID paymentPlanId,
    List<Instalment> instalments,
    String currency,
    LocalDate agreedOn,
    String actor,
    @JsonInclude(JsonInclude.Include.ALWAYS) String note)
    implements EventData {
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Instalment(LocalDate dueDate, String amount) {}
}
