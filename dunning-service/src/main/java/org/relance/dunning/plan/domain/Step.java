package org.relance.dunning.plan.domain;

/**
 * One step of a dunning plan.
 *
 * @param offsetDays days from the due date (negative: before it)
 * @param responseDays for a formal notice, the days the debtor is given to pay; 0 otherwise
 */
public record Step(
    String name, int offsetDays, Channel channel, String template, Tone tone, int responseDays) {

  public boolean isFormalNotice() {
    return tone == Tone.FORMAL_NOTICE;
  }
}
