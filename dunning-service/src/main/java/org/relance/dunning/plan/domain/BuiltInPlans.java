package org.relance.dunning.plan.domain;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * The plans every tenant has without publishing any. They are version 1 of their ids and never
 * change: a better built-in plan is a new id or a tenant's published version 2.
 */
public final class BuiltInPlans {

  private BuiltInPlans() {}

  /**
   * The French practice: a courtesy notice five days before the due date, a friendly email the day
   * after it, a firmer one a week later, a collector's call at D+15, and at D+30 a formal notice
   * (mise en demeure) by registered letter stating the amount and the penalties as of its date,
   * with 8 calendar days to pay.
   */
  public static final DunningPlan STANDARD_FR =
      new DunningPlan(
          "standard-fr",
          1,
          "Standard French plan",
          "D-5 courtesy notice, D+1 and D+8 emails, D+15 call, D+30 formal notice by registered"
              + " letter with 8 days to pay, then escalation",
          List.of(
              new Step("COURTESY_NOTICE", -5, Channel.EMAIL, "courtesy-notice", Tone.COURTEOUS, 0),
              new Step("FRIENDLY_EMAIL", 1, Channel.EMAIL, "friendly-reminder", Tone.COURTEOUS, 0),
              new Step("SECOND_EMAIL", 8, Channel.EMAIL, "second-reminder", Tone.FIRM, 0),
              new Step("PHONE_CALL", 15, Channel.PHONE_TASK, "call-script", Tone.FIRM, 0),
              new Step(
                  "FORMAL_NOTICE",
                  30,
                  Channel.REGISTERED_LETTER,
                  "formal-notice",
                  Tone.FORMAL_NOTICE,
                  8)),
          new PlanSettings(false, new BigDecimal("15.00"), 3, true));

  /** For debtors who paid late before: no courtesy notice, the call and the notice come sooner. */
  public static final DunningPlan SHORT_FR =
      new DunningPlan(
          "short-fr",
          1,
          "Short French plan for late payers",
          "D+1 email, D+7 call, D+15 formal notice by registered letter with 8 days to pay",
          List.of(
              new Step("FRIENDLY_EMAIL", 1, Channel.EMAIL, "friendly-reminder", Tone.COURTEOUS, 0),
              new Step("PHONE_CALL", 7, Channel.PHONE_TASK, "call-script", Tone.FIRM, 0),
              new Step(
                  "FORMAL_NOTICE",
                  15,
                  Channel.REGISTERED_LETTER,
                  "formal-notice",
                  Tone.FORMAL_NOTICE,
                  8)),
          new PlanSettings(false, new BigDecimal("15.00"), 3, true));

  /** Key accounts are called, not sent formal notices: the plan never escalates by itself. */
  public static final DunningPlan KEY_ACCOUNT_FR =
      new DunningPlan(
          "key-account-fr",
          1,
          "Key accounts",
          "D-5 courtesy notice, D+3 email, D+10 call by the account's collector; no formal notice",
          List.of(
              new Step("COURTESY_NOTICE", -5, Channel.EMAIL, "courtesy-notice", Tone.COURTEOUS, 0),
              new Step("FRIENDLY_EMAIL", 3, Channel.EMAIL, "friendly-reminder", Tone.COURTEOUS, 0),
              new Step("PHONE_CALL", 10, Channel.PHONE_TASK, "call-script", Tone.COURTEOUS, 0)),
          new PlanSettings(false, BigDecimal.ZERO, 5, true));

  public static final List<DunningPlan> ALL = List.of(STANDARD_FR, SHORT_FR, KEY_ACCOUNT_FR);

  public static Optional<DunningPlan> find(String id) {
    return ALL.stream().filter(p -> p.id().equals(id)).findFirst();
  }
}
