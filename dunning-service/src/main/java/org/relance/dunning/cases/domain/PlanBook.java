package org.relance.dunning.cases.domain;

import java.util.Optional;
import org.relance.dunning.plan.domain.DunningPlan;

/** The plan versions a tenant can use: its published ones and the built-in ones. */
public interface PlanBook {

  Optional<DunningPlan> find(String planId, int version);

  Optional<DunningPlan> latest(String planId);
}
