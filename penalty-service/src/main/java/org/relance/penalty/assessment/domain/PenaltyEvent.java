package org.relance.penalty.assessment.domain;

import java.math.BigDecimal;
import java.time.LocalDate;

/** What penalty-service records about an invoice's penalties. */
public sealed interface PenaltyEvent {

  /** A statement of the penalties as of a date ({@code PenaltyAssessed}). */
  record Assessed(Statement statement) implements PenaltyEvent {}

  /**
   * The creditor waived penalties of the invoice ({@code PenaltyWaived}): accrued interest and the
   * indemnity stay due until such an explicit, attributed waiver.
   *
   * @param asOf the date of the statement the waiver was decided on
   * @param actor who decided it
   */
  record Waived(
      String invoiceId,
      WaiverScope scope,
      BigDecimal interestWaived,
      BigDecimal indemnityWaived,
      String currency,
      LocalDate asOf,
      String reason,
      String actor)
      implements PenaltyEvent {

    /** What the waiver waived: its interest and indemnity together. */
    public BigDecimal waived() {
      return interestWaived.add(indemnityWaived);
    }
  }

  /** An event as the log holds it: its id and the tenant it belongs to. */
  record Recorded(String eventId, String tenant, PenaltyEvent event) {}
}
