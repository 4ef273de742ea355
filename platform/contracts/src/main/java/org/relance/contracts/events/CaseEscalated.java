package org.relance.contracts.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The dunning plan is exhausted and the invoice is still due: the case goes to litigation and
 * agencies. Key: invoice id.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CaseEscalated(
    UUID invoiceId,
    String invoiceNumber,
    Debtor debtor,
    LocalDate escalatedOn,
    LocalDate dueDate,
    String currency,
    BigDecimal invoiceAmount,
    BigDecimal principalOutstanding,
    String reason,
    FormalNotice formalNotice,
    List<StepsTaken> stepsTaken,
    Penalties penalties,
    BigDecimal totalDue,
    String planId,
    Integer planVersion)
    implements EventData {
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record FormalNotice(LocalDate requestedOn, LocalDate deadline, UUID requestId) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record StepsTaken(String step, Channel channel, LocalDate requestedOn, UUID requestId) {}
}
