package org.relance.dunning.cases.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What dunning has heard of one dispute so far. Its opening and its resolution arrive as two events
 * that may be consumed in either order, so either half may be missing.
 *
 * @param category null until the opening is heard of
 * @param openedOn null until the opening is heard of
 */
public record DisputeNews(
    UUID disputeId, String category, LocalDate openedOn, LocalDate resolvedOn, String outcome) {

  /** The category of a dispute opened without one. */
  public static final String UNCATEGORISED = "OTHER";

  /**
   * The disputes the plan acts on, in the order heard of: a resolution heard of before its opening
   * waits for it (a dispute that was never seen open holds nothing).
   */
  public static List<InvoiceFacts.Dispute> known(List<DisputeNews> news) {
    List<InvoiceFacts.Dispute> disputes = new ArrayList<>();
    for (DisputeNews n : news) {
      if (n.openedOn() == null) {
        continue;
      }
      disputes.add(
          new InvoiceFacts.Dispute(
              n.disputeId(),
              n.category() == null ? UNCATEGORISED : n.category(),
              n.openedOn(),
              n.resolvedOn(),
              n.outcome()));
    }
    return disputes;
  }
}
