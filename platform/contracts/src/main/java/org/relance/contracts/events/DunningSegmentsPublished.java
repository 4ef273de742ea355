package org.relance.contracts.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.List;

/** The rules choosing each new invoice's plan, first match wins. Key: &lt;tenant&gt;/segments. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DunningSegmentsPublished(
    String tenant,
    int version,
    List<Rule> rules,
    String defaultPlanId,
    String publishedBy,
    LocalDate publishedOn)
    implements EventData {
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Rule(String name, String planId, When when) {
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record When(
        String minAmount,
        String maxAmount,
        List<String> currencies,
        List<String> segments,
        Integer minLatePaymentsLast12Months) {}
  }
}
