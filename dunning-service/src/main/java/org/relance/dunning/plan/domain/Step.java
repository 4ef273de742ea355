package org.relance.dunning.plan.domain;

/**
 * One step of a dunning plan.
 *
 * @param name unique in its plan, upper snake case (it names the step in every event)
 * @param offsetDays calendar days from the due date (negative: before it); a step falling on a
 *     weekend or public holiday moves to the next business day
 * @param responseDays for a formal notice, the calendar days the debtor is given to pay; 0
 *     otherwise
 */
public record Step(
    String name, int offsetDays, Channel channel, String template, Tone tone, int responseDays) {

  /** Mise en demeure (Code civil 1344): the step after whose deadline a case may escalate. */
  public boolean isFormalNotice() {
    return tone == Tone.FORMAL_NOTICE;
  }

  /** A call for a collector: a task in the work list, not a message. */
  public boolean isCall() {
    return channel == Channel.PHONE_TASK;
  }
}
