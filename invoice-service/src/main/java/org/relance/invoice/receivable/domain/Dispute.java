package org.relance.invoice.receivable.domain;

import java.time.LocalDate;
import java.util.UUID;
import org.relance.contracts.money.Money;

/**
 * A dispute (litige) the debtor raised on the invoice: while it is open, dunning waits.
 *
 * @param amountDisputed the part of the invoice contested; {@code null} when the whole invoice is
 * @param openedBy who recorded it (the actor of the request's access token)
 * @param resolution how it ended; {@code null} while it is open
 * @param reasonErased the reason was the debtor's personal data and was erased: it is gone for good
 */
public record Dispute(
    UUID id,
    DisputeCategory category,
    String reason,
    Money amountDisputed,
    LocalDate openedOn,
    String openedBy,
    Resolution resolution,
    boolean reasonErased) {

  public Dispute(
      UUID id,
      DisputeCategory category,
      String reason,
      Money amountDisputed,
      LocalDate openedOn,
      String openedBy,
      Resolution resolution) {
    this(id, category, reason, amountDisputed, openedOn, openedBy, resolution, false);
  }

  /**
   * @param noteErased the note was the debtor's personal data and was erased
   */
  public record Resolution(
      DisputeOutcome outcome,
      String note,
      LocalDate resolvedOn,
      String resolvedBy,
      boolean noteErased) {

    public Resolution(
        DisputeOutcome outcome, String note, LocalDate resolvedOn, String resolvedBy) {
      this(outcome, note, resolvedOn, resolvedBy, false);
    }
  }

  public boolean isOpen() {
    return resolution == null;
  }
}
