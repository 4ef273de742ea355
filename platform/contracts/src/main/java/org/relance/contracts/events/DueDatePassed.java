package org.relance.contracts.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

/**
 * The invoice was still open on the day after its due date (emitted once per invoice). Key: invoice
 * id.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DueDatePassed(
    UUID invoiceId,
    String invoiceNumber,
    String debtorId,
    LocalDate dueDate,
    LocalDate firstLateDay,
    BigDecimal outstanding,
    String currency)
    implements EventData {}
