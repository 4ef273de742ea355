package org.relance.dunning.cases.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * An invoice's dunning as the explain view shows it. Absent parts are left out where the view never
 * showed them, and shown as null where it always did ({@code businessDate} before dunning's first
 * day, {@code hold}, {@code next}).
 */
public record CaseView(
    String invoiceId,
    String tenant,
    String invoiceNumber,
    String debtorId,
    String status,
    String businessDate,
    String dueDate,
    String currency,
    String invoiceAmount,
    String outstanding,
    String penaltiesDue,
    PlanView plan,
    List<StepView> steps,
    HoldView hold,
    List<DisputeView> disputes,
    NextAction next,
    List<String> warnings,
    @JsonInclude(Include.NON_NULL) String escalatedOn,
    String explanation,
    List<HistoryItem> history) {

  /** The plan followed, and why it was chosen (when it was). */
  public record PlanView(
      String id,
      int version,
      String name,
      @JsonInclude(Include.NON_NULL) String rule,
      @JsonInclude(Include.NON_NULL) String why,
      @JsonInclude(Include.NON_NULL) String assignedOn,
      @JsonInclude(Include.NON_NULL) String assignedBy,
      Settings settings) {}

  public record Settings(
      String escalationMinimum,
      int maxCallAttempts,
      boolean dunPenaltiesAlone,
      boolean groupByDebtor) {}

  /**
   * One step: scheduled, then PENDING, SKIPPED or TAKEN (with its request and proof, or its calls).
   *
   * @param proof notification-service's proof; JSON null while a request has none yet
   */
  @JsonInclude(Include.NON_NULL)
  public record StepView(
      String step,
      int offsetDays,
      String channel,
      String tone,
      String template,
      String scheduledOn,
      String movedBecause,
      String state,
      String takenOn,
      String requestId,
      String sentBy,
      String responseDeadline,
      JsonNode proof,
      List<CallAttempt> calls) {

    StepView taken(
        String on, String request, String sentBy, String responseDeadline, JsonNode proof) {
      return in("TAKEN", on, request, sentBy, responseDeadline, proof, null);
    }

    StepView called(String on, List<CallAttempt> calls) {
      return in("TAKEN", on, null, null, null, null, calls);
    }

    StepView skipped() {
      return in("SKIPPED", null, null, null, null, null, null);
    }

    /** The same step of the plan in another state. */
    private StepView in(
        String state,
        String on,
        String request,
        String sentBy,
        String responseDeadline,
        JsonNode proof,
        List<CallAttempt> calls) {
      return new StepView(
          step,
          offsetDays,
          channel,
          tone,
          template,
          scheduledOn,
          movedBecause,
          state,
          on,
          request,
          sentBy,
          responseDeadline,
          proof,
          calls);
    }
  }

  /** One call of a call step, with its last outcome once recorded. */
  public record CallAttempt(
      String taskId,
      int attempt,
      String openedOn,
      boolean open,
      @JsonInclude(Include.NON_NULL) String outcome,
      @JsonInclude(Include.NON_NULL) String recordedOn,
      @JsonInclude(Include.NON_NULL) String by) {}

  public record HoldView(String kind, String reason, @JsonInclude(Include.NON_NULL) String until) {}

  public record DisputeView(
      String disputeId, String category, String openedOn, String resolvedOn) {}

  /** The next action if nothing changes, and the steps it would skip. */
  @JsonInclude(Include.NON_NULL)
  public record NextAction(
      String action,
      String step,
      String channel,
      Integer attempt,
      String on,
      List<String> skipping) {}

  /** A stored event of the invoice's stream, as published. */
  public record HistoryItem(String type, String businessDate, String eventId, JsonNode data) {}
}
