package org.relance.contracts.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.List;

/**
 * Tell the ERP to stop new orders for a debtor: its overdue debt crossed a threshold. Key:
 * &lt;tenant&gt;/&lt;debtorId&gt;.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreditHoldPlaced(
    String tenant,
    String debtorId,
    String debtorName,
    List<String> reasons,
    List<Overdue> overdue,
    Integer oldestDaysLate,
    Integer escalatedInvoices,
    LocalDate placedOn)
    implements EventData {}
