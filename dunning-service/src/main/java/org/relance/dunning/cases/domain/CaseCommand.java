package org.relance.dunning.cases.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.relance.dunning.plan.domain.Channel;

/**
 * What a credit manager or a collector asks of one invoice's dunning, as the API received it: the
 * business date and the case come from the transaction that decides it ({@link
 * DunningCommands#decide}).
 */
public sealed interface CaseCommand {

  /** Who asked (the access token's actor), written on the events. */
  String actor();

  /** A promise to pay by a date (promesse de paiement); without an amount, the whole principal. */
  record RecordPromise(
      UUID promiseId, LocalDate promisedDate, BigDecimal amount, String actor, String note)
      implements CaseCommand {}

  /** An échéancier: instalments in date order adding up to the principal outstanding. */
  record AgreePaymentPlan(
      UUID paymentPlanId, List<Instalment> instalments, String actor, String note)
      implements CaseCommand {
    public AgreePaymentPlan {
      instalments = List.copyOf(instalments);
    }

    /** One instalment as requested, in the invoice's currency. */
    public record Instalment(LocalDate dueDate, BigDecimal amount) {
      public Instalment {
        Objects.requireNonNull(dueDate, "dueDate");
        Objects.requireNonNull(amount, "amount");
      }
    }
  }

  /** A manual pause with an end date and a reason. */
  record Pause(UUID pauseId, LocalDate until, String reason, String actor) implements CaseCommand {}

  /** Ends a pause before its date. */
  record EndPause(UUID pauseId, String actor, String reason) implements CaseCommand {}

  /** A collector's call outcome; a promise made on the call is recorded with it. */
  record RecordCallOutcome(
      UUID taskId,
      CallOutcome outcome,
      LocalDate promisedDate,
      UUID promiseId,
      String actor,
      String note)
      implements CaseCommand {}

  /**
   * Sends a failed step again.
   *
   * @param channel null: the step's own channel
   */
  record RetryStep(String step, Channel channel, String actor) implements CaseCommand {}

  /**
   * Moves the invoice to another plan.
   *
   * @param version null: the plan's latest version
   */
  record ChangePlan(String planId, Integer version, String reason, String actor)
      implements CaseCommand {}
}
