package org.relance.contracts.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.UUID;

/** The promised amount arrived by the promised date. Key: invoice id. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PromiseToPayKept(UUID invoiceId, UUID promiseId, LocalDate keptOn)
    implements EventData {}
