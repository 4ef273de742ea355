package org.relance.dunning.plan.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A tenant's rules for choosing each new invoice's plan: the first rule that matches wins, else the
 * default plan. Versioned like plans; an invoice's choice is recorded once, when its dunning
 * starts.
 */
public record Segments(int version, List<SegmentRule> rules, String defaultPlanId) {

  public static final Segments BUILT_IN = new Segments(0, List.of(), BuiltInPlans.STANDARD_FR.id());

  public Segments {
    rules = List.copyOf(rules);
  }

  /** The chosen plan id, and the reason in words. */
  public record Choice(String planId, String rule, String reason) {}

  public Choice choose(SegmentRule.Subject subject) {
    for (SegmentRule r : rules) {
      if (r.matches(subject)) {
        return new Choice(r.planId(), r.name(), r.describe() + " matched");
      }
    }
    return new Choice(
        defaultPlanId, "default", "no segment rule matched: the tenant's default plan");
  }

  /** Faults of submitted rules; {@code knownPlans} are the plan ids the tenant can use. */
  public static List<DunningPlan.Fault> faults(
      List<SegmentRule> rules, String defaultPlanId, Set<String> knownPlans) {
    List<DunningPlan.Fault> faults = new ArrayList<>();
    if (defaultPlanId == null || !knownPlans.contains(defaultPlanId)) {
      faults.add(new DunningPlan.Fault("defaultPlanId", "must name a known plan"));
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < rules.size(); i++) {
      SegmentRule r = rules.get(i);
      String at = "rules[" + i + "]";
      if (r.name() == null || r.name().isBlank()) {
        faults.add(new DunningPlan.Fault(at + ".name", "is required"));
      } else if (!names.add(r.name())) {
        faults.add(new DunningPlan.Fault(at + ".name", "'" + r.name() + "' is used twice"));
      }
      if (r.planId() == null || !knownPlans.contains(r.planId())) {
        faults.add(new DunningPlan.Fault(at + ".planId", "must name a known plan"));
      }
      if (r.minAmount() != null
          && r.maxAmount() != null
          && r.minAmount().compareTo(r.maxAmount()) > 0) {
        faults.add(new DunningPlan.Fault(at + ".maxAmount", "is below minAmount"));
      }
      for (String bound : List.of("minAmount", "maxAmount")) {
        BigDecimal v = bound.equals("minAmount") ? r.minAmount() : r.maxAmount();
        if (v != null && (v.signum() < 0 || v.stripTrailingZeros().scale() > 4)) {
          faults.add(
              new DunningPlan.Fault(at + ".when." + bound, "must be positive, at most 4 decimals"));
        }
      }
      for (String c : r.currencies()) {
        if (c == null || !c.matches("[A-Z]{3}")) {
          faults.add(new DunningPlan.Fault(at + ".currencies", "'" + c + "' is not ISO 4217"));
        }
      }
      if (r.minLatePaymentsLast12Months() != null && r.minLatePaymentsLast12Months() < 1) {
        faults.add(
            new DunningPlan.Fault(at + ".minLatePaymentsLast12Months", "must be at least 1"));
      }
    }
    return faults;
  }
}
