package org.relance.penalty.rates.api;

import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.relance.platform.http.Fields;

/** A rate value to record, as the OpenAPI document shows it; read with {@link Fields}. */
@Schema(name = "RateRequest")
public record RateRequest(
    @Schema(required = true) LocalDate effectiveFrom,
    @Schema(required = true, pattern = Fields.DECIMAL_PATTERN, description = "percent")
        String ratePercent,
    @Schema(
            required = true,
            maxLength = Fields.MAX_NAME_CHARS,
            description = "where the value was read: URL, journal officiel reference")
        String source,
    @Schema(description = "the last day the value is known to hold") LocalDate verifiedThrough) {}
