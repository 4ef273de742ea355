package org.relance.dunning.plan.domain;

import java.util.List;
import java.util.Optional;

/**
 * An ordered list of steps; when the last one has been taken and its deadline has passed unpaid,
 * the case escalates.
 */
public record DunningPlan(String id, int version, List<Step> steps) {

  public DunningPlan {
    steps = List.copyOf(steps);
  }

  /**
   * The plan of the foundation: a friendly email the day after the due date, a formal notice by
   * email at D+30 with 8 days to pay, then escalation. The dunning-engine issue replaces it with
   * versioned plans chosen per segment.
   */
  public static final DunningPlan DEFAULT =
      new DunningPlan(
          "default-fr",
          1,
          List.of(
              new Step("FRIENDLY_EMAIL", 1, Channel.EMAIL, "friendly-reminder", Tone.COURTEOUS, 0),
              new Step(
                  "FORMAL_NOTICE", 30, Channel.EMAIL, "formal-notice", Tone.FORMAL_NOTICE, 8)));

  public Optional<Step> step(String name) {
    return steps.stream().filter(s -> s.name().equals(name)).findFirst();
  }
}
