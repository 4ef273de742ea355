package org.relance.invoice.receivable.api;

import java.util.UUID;
import org.relance.invoice.personal.api.Erased;
import org.relance.invoice.receivable.domain.Dispute;

/**
 * The API's view of a dispute. {@code amountDisputed} is {@code null} when the whole invoice is
 * disputed; {@code resolution} is {@code null} while the dispute is open. The reason and the note
 * read {@code "erased"} once the debtor's personal data is erased.
 */
public record DisputeView(
    String id,
    String invoiceId,
    String status,
    String category,
    String reason,
    String amountDisputed,
    String currency,
    String openedOn,
    String openedBy,
    ResolutionView resolution) {

  public record ResolutionView(String outcome, String note, String resolvedOn, String resolvedBy) {}

  static DisputeView of(UUID invoiceId, String currency, Dispute d) {
    Dispute.Resolution r = d.resolution();
    return new DisputeView(
        d.id().toString(),
        invoiceId.toString(),
        d.isOpen() ? "OPEN" : "RESOLVED",
        d.category().name(),
        Erased.text(d.reasonErased(), d.reason()),
        d.amountDisputed() == null ? null : d.amountDisputed().toPlainString(),
        currency,
        d.openedOn().toString(),
        d.openedBy(),
        r == null
            ? null
            : new ResolutionView(
                r.outcome().name(),
                Erased.text(r.noteErased(), r.note()),
                r.resolvedOn().toString(),
                r.resolvedBy()));
  }
}
