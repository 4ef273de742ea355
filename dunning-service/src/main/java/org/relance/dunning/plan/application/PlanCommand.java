package org.relance.dunning.plan.application;

import java.util.List;
import org.relance.dunning.plan.domain.PlanSettings;
import org.relance.dunning.plan.domain.SegmentRule;
import org.relance.dunning.plan.domain.Step;

/** What a credit manager publishes: a plan's next version, or the segment rules' next version. */
public sealed interface PlanCommand {

  /** Who publishes (the access token's actor). */
  String actor();

  /** A plan, or a new version of one (its version is the next one). */
  record PublishPlan(
      String planId,
      String name,
      String description,
      List<Step> steps,
      PlanSettings settings,
      String actor)
      implements PlanCommand {}

  /** The rules that choose each new invoice's plan, first match wins. */
  record PublishSegments(List<SegmentRule> rules, String defaultPlanId, String actor)
      implements PlanCommand {}
}
