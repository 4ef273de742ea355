package org.relance.dunning.cases.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;
import org.relance.contracts.money.Money;

/**
 * penalty-service's latest assessment of an invoice (late-payment interest and the fixed recovery
 * indemnity, indemnité forfaitaire pour frais de recouvrement), as a formal notice and a case file
 * quote it.
 *
 * @param assessmentId the id of the {@code PenaltyAssessed} event, so the quote can be traced
 */
public record AssessedPenalties(
    LocalDate asOf,
    BigDecimal interest,
    BigDecimal indemnity,
    BigDecimal total,
    UUID assessmentId) {

  /**
   * The penalties a reminder quotes: only a formal notice (mise en demeure) claims them; the
   * friendlier steps ask for the principal alone.
   *
   * @param known the latest assessment, null when none was received
   * @return null when the reminder quotes none
   */
  public static AssessedPenalties quotedIn(
      DunningEvent.ReminderRequested reminder, AssessedPenalties known) {
    return reminder.step().isFormalNotice() ? known : null;
  }

  /**
   * What the case file says is due: the principal still outstanding plus the penalties assessed.
   *
   * @param known the latest assessment, null when none was received
   */
  public static BigDecimal totalDue(Money principalOutstanding, AssessedPenalties known) {
    return known == null
        ? principalOutstanding.amount()
        : principalOutstanding.amount().add(known.total());
  }
}
