package org.relance.contracts.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.UUID;

/**
 * The plan (and version) an invoice follows, the rule that chose it, or the operator who migrated
 * it. Key: invoice id.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DunningPlanAssigned(
    UUID invoiceId,
    String planId,
    int planVersion,
    String rule,
    String reason,
    LocalDate assignedOn,
    String actor,
    @JsonInclude(JsonInclude.Include.ALWAYS) String previousPlanId,
    @JsonInclude(JsonInclude.Include.ALWAYS) Integer previousPlanVersion)
    implements EventData {}
