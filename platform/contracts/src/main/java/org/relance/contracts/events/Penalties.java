package org.relance.contracts.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record Penalties(
    LocalDate asOf,
    BigDecimal interest,
    BigDecimal indemnity,
    BigDecimal total,
    UUID penaltyEventId) {}
