package org.relance.contracts.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;

/**
 * The business clock of a tenant reached a new calendar day. Key: tenant. The Kafka header
 * relance-watermark lists the producer's end offsets at the tick.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DayStarted(String tenant, LocalDate date, String zone) implements EventData {}
