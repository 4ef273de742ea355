package org.relance.dunning.cases.domain;

import java.util.UUID;

/**
 * The idempotency key of each decision: what the event is about, never when it was decided. A
 * decision made twice (a retry, a second instance, a replay) gets the same key, so the event store
 * recognises it instead of recording it again.
 */
public final class EventKeys {

  private EventKeys() {}

  /** The key of {@code event} in the stream of invoice {@code invoiceId}. */
  public static String of(UUID invoiceId, DunningEvent event) {
    if (event instanceof DunningEvent.PlanAssigned a) {
      return "DunningPlanAssigned|"
          + invoiceId
          + "|"
          + a.planId()
          + "|"
          + a.planVersion()
          + "|"
          + a.day();
    } else if (event instanceof DunningEvent.ReminderRequested r) {
      // the plan's own request of a step is made once per invoice; a retry after a failure has a
      // request id of its own, so it is keyed by that id
      return r.requestId().equals(DunningDecider.requestId(invoiceId, r.step()))
          ? "ReminderRequested|" + invoiceId + "|" + r.step().name()
          : "ReminderRequested|" + r.requestId();
    } else if (event instanceof DunningEvent.CallTaskOpened t) {
      return "CallTaskOpened|" + t.taskId();
    } else if (event instanceof DunningEvent.CallOutcomeRecorded o) {
      return "CallOutcomeRecorded|" + o.taskId();
    } else if (event instanceof DunningEvent.StepsSkipped s) {
      return "DunningStepSkipped|" + invoiceId + "|" + String.join(",", s.steps());
    } else if (event instanceof DunningEvent.PromiseRecorded p) {
      return "PromiseToPayRecorded|" + p.promiseId();
    } else if (event instanceof DunningEvent.PromiseKept p) {
      return "PromiseToPayKept|" + p.promiseId();
    } else if (event instanceof DunningEvent.PromiseBroken p) {
      return "PromiseToPayBroken|" + p.promiseId();
    } else if (event instanceof DunningEvent.PaymentPlanAgreed p) {
      return "PaymentPlanAgreed|" + p.paymentPlanId();
    } else if (event instanceof DunningEvent.PaymentPlanDefaulted p) {
      return "PaymentPlanDefaulted|" + p.paymentPlanId();
    } else if (event instanceof DunningEvent.Paused p) {
      return "DunningPaused|" + p.pauseId();
    } else if (event instanceof DunningEvent.Resumed p) {
      return "DunningResumed|" + p.pauseId();
    } else if (event instanceof DunningEvent.CaseEscalated) {
      // a case escalates once
      return "CaseEscalated|" + invoiceId;
    }
    throw new IllegalArgumentException("unknown dunning event " + event);
  }
}
