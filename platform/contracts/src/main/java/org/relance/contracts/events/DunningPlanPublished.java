package org.relance.contracts.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A new version of a dunning plan (reference data: a replay decides with the versions known then).
 * Key: &lt;tenant&gt;/plan/&lt;planId&gt;.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DunningPlanPublished(
    String tenant,
    String planId,
    int version,
    String name,
    @JsonInclude(JsonInclude.Include.ALWAYS) String description,
    List<Step> steps,
    Settings settings,
    String publishedBy,
    LocalDate publishedOn)
    implements EventData {
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Step(
      String name,
      int offsetDays,
      Channel channel,
      String template,
      Tone tone,
      Integer responseDays) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Settings(
      boolean dunPenaltiesAlone,
      BigDecimal escalationMinimum,
      int maxCallAttempts,
      Boolean groupByDebtor,
      Integer paymentGraceDays) {}
}
