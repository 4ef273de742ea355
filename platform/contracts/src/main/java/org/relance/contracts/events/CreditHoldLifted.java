package org.relance.contracts.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.List;

/**
 * The debtor's overdue debt is back under every threshold: orders may resume. Key:
 * &lt;tenant&gt;/&lt;debtorId&gt;.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreditHoldLifted(
    String tenant,
    String debtorId,
    String debtorName,
    List<String> reasons,
    List<Overdue> overdue,
    @JsonInclude(JsonInclude.Include.ALWAYS) Integer oldestDaysLate,
    Integer escalatedInvoices,
    LocalDate liftedOn)
    implements EventData {}
