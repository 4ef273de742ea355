package org.relance.contracts.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;

/**
 * An operator recorded a value of a reference-rate series (reference data is events too, so a
 * replay computes with the rates known then). Key: series id.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RateRecorded(
    Series series,
    LocalDate effectiveFrom,
    String ratePercent,
    String source,
    // written as null when the value keeps the series' verified date, as the service always did
    @JsonInclude(JsonInclude.Include.ALWAYS) LocalDate verifiedThrough,
    String recordedBy)
    implements EventData {
  public enum Series {
    ECB_MRO,
    FR_LEGAL_PROFESSIONAL,
    FR_LEGAL_PRIVATE,
    DE_BASE,
    UK_REFERENCE
  }
}
