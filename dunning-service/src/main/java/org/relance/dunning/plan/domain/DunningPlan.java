package org.relance.dunning.plan.domain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A versioned, ordered list of steps. A version never changes once published: an invoice keeps the
 * version it started with (its {@code DunningPlanAssigned} names it) unless an operator migrates
 * it, so a replay decides as it did then.
 */
public record DunningPlan(
    String id,
    int version,
    String name,
    String description,
    List<Step> steps,
    PlanSettings settings) {

  public DunningPlan {
    steps = List.copyOf(steps);
    settings = settings == null ? PlanSettings.DEFAULT : settings;
  }

  public Optional<Step> step(String stepName) {
    return steps.stream().filter(s -> s.name().equals(stepName)).findFirst();
  }

  public int indexOf(String stepName) {
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i).name().equals(stepName)) {
        return i;
      }
    }
    return -1;
  }

  /** A plan without a formal notice never escalates (a key-account plan, say). */
  public boolean escalates() {
    return steps.stream().anyMatch(Step::isFormalNotice);
  }

  /**
   * What is wrong with a plan submitted for publication, as (field, reason) pairs; empty if none.
   */
  public static List<Fault> faults(
      String id, String name, List<Step> steps, PlanSettings settings) {
    List<Fault> faults = new ArrayList<>();
    if (id == null || !id.matches("[a-z0-9][a-z0-9-]{0,63}")) {
      faults.add(new Fault("planId", "must be lowercase letters, digits and dashes (1-64)"));
    }
    if (name == null || name.isBlank()) {
      faults.add(new Fault("name", "is required"));
    }
    if (steps == null || steps.isEmpty()) {
      faults.add(new Fault("steps", "a plan needs at least one step"));
      return faults;
    }
    Set<String> names = new HashSet<>();
    Integer previousOffset = null;
    int notices = 0;
    for (int i = 0; i < steps.size(); i++) {
      Step s = steps.get(i);
      String at = "steps[" + i + "]";
      if (s.name() == null || !s.name().matches("[A-Z][A-Z0-9_]{0,63}")) {
        faults.add(new Fault(at + ".name", "must be UPPER_SNAKE_CASE (1-64)"));
      } else if (!names.add(s.name())) {
        faults.add(new Fault(at + ".name", "'" + s.name() + "' is used twice"));
      }
      if (s.channel() == null) {
        faults.add(new Fault(at + ".channel", "is required"));
      }
      if (s.tone() == null) {
        faults.add(new Fault(at + ".tone", "is required"));
      }
      if (s.template() == null || s.template().isBlank()) {
        faults.add(new Fault(at + ".template", "is required"));
      }
      if (s.offsetDays() < -90 || s.offsetDays() > 365) {
        faults.add(new Fault(at + ".offsetDays", "must be between -90 and 365"));
      }
      if (previousOffset != null && s.offsetDays() <= previousOffset) {
        faults.add(
            new Fault(
                at + ".offsetDays",
                "steps must be in plan order: "
                    + s.offsetDays()
                    + " does not come after "
                    + previousOffset));
      }
      previousOffset = s.offsetDays();
      if (s.isFormalNotice()) {
        notices++;
        if (s.responseDays() < 1) {
          faults.add(
              new Fault(at + ".responseDays", "a formal notice must give the debtor days to pay"));
        }
        if (s.offsetDays() < 1) {
          faults.add(new Fault(at + ".offsetDays", "a formal notice can only follow the due date"));
        }
        if (s.channel() == Channel.PHONE_TASK || s.channel() == Channel.SMS) {
          faults.add(
              new Fault(at + ".channel", "a formal notice must be written: a letter or an email"));
        }
      } else if (s.responseDays() != 0) {
        faults.add(new Fault(at + ".responseDays", "only a formal notice has a response time"));
      }
    }
    if (notices > 1) {
      faults.add(new Fault("steps", "a plan has at most one formal notice"));
    }
    if (settings != null) {
      if (settings.escalationMinimum().stripTrailingZeros().scale() > 4) {
        faults.add(new Fault("settings.escalationMinimum", "has more than 4 decimals"));
      }
      if (settings.maxCallAttempts() < 1 || settings.maxCallAttempts() > 10) {
        faults.add(new Fault("settings.maxCallAttempts", "must be between 1 and 10"));
      }
      if (settings.paymentGraceDays() < 0 || settings.paymentGraceDays() > 10) {
        faults.add(new Fault("settings.paymentGraceDays", "must be between 0 and 10"));
      }
      if (settings.escalationMinimum().signum() < 0) {
        faults.add(new Fault("settings.escalationMinimum", "must not be negative"));
      }
    }
    return faults;
  }

  /** A fault of a submitted plan or segment rule: the field and the reason. */
  public record Fault(String field, String reason) {}
}
