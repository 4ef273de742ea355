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
 */
public record Dispute(
    UUID id,
    DisputeCategory category,
    String reason,
    Money amountDisputed,
    LocalDate openedOn,
    String openedBy,
    Resolution resolution) {

  public record Resolution(
      DisputeOutcome outcome, String note, LocalDate resolvedOn, String resolvedBy) {}

  public boolean isOpen() {
    return resolution == null;
  }
}
