package org.relance.contracts.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * penalty-service's statement of late-payment penalties as of a date. Key: invoice id.
 *
 * <p>{@code indemnityRule} and {@code earlyPaymentDiscount} are left out when null, as the first
 * statements (before the engine's breakdown) had neither; statements with the breakdown ({@code
 * allocation} set) write them as explicit nulls, which penalty-service's codec adds, since one
 * record cannot say "null here, absent there".
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PenaltyAssessed(
    UUID invoiceId,
    String invoiceNumber,
    String jurisdiction,
    Trigger trigger,
    LocalDate asOf,
    LocalDate dueDate,
    String currency,
    BigDecimal principal,
    BigDecimal principalOutstanding,
    BigDecimal interest,
    BigDecimal indemnity,
    BigDecimal total,
    List<Period> periods,
    String requestId,
    Allocation allocation,
    BigDecimal penaltiesPaid,
    BigDecimal penaltiesOutstanding,
    BigDecimal amountDue,
    List<Payment> payments,
    IndemnityRule indemnityRule,
    EarlyPaymentDiscount earlyPaymentDiscount,
    BigDecimal penaltiesWaived)
    implements EventData {
  public enum Trigger {
    DUE_DATE_PASSED,
    PAYMENT,
    FORMAL_NOTICE,
    ESCALATION
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Period(
      LocalDate from,
      LocalDate to,
      int days,
      BigDecimal base,
      BigDecimal ratePercent,
      BigDecimal interest,
      String rule,
      String reference) {}

  /** which debt partial payments settled first */
  public enum Allocation {
    PRINCIPAL_FIRST,
    INTEREST_FIRST
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Payment(LocalDate paidOn, BigDecimal amount) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record IndemnityRule(String text, String reference) {}

  /** a discount granted for early payment, if any */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record EarlyPaymentDiscount(BigDecimal amount, String ratePercent, LocalDate grantedOn) {}
}
