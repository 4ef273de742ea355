package org.relance.contracts.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.UUID;

/** The promised date passed without the promised amount; dunning resumes. Key: invoice id. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PromiseToPayBroken(
    UUID invoiceId,
    UUID promiseId,
    LocalDate promisedDate,
    LocalDate brokenOn,
    String outstanding,
    String currency)
    implements EventData {}
