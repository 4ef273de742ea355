package org.relance.invoice.personal.api;

import java.util.List;
import org.relance.invoice.personal.application.RetentionProposals;
import org.relance.invoice.personal.domain.Claim;
import org.relance.invoice.personal.domain.ErasureRules;

/**
 * The retention job's proposals of a tenant on its business date ({@code asOf}): each subject with
 * the first day no claim could be pursued any more, and each claim with the last day the creditor
 * could sue and the rule that says so. Ids, numbers, dates and amounts: no personal value.
 */
public record ProposalsView(String tenant, String asOf, List<ProposalView> proposals) {

  public record ProposalView(String subjectId, String retentionEndedOn, List<ClaimView> invoices) {}

  public record ClaimView(
      String id,
      String invoiceNumber,
      String jurisdiction,
      String dueDate,
      String outstanding,
      String currency,
      String lastDayToSue,
      String limitation) {

    static ClaimView of(Claim c) {
      return new ClaimView(
          c.invoiceId().toString(),
          c.invoiceNumber(),
          c.jurisdiction(),
          c.dueDate().toString(),
          c.outstanding().toPlainString(),
          c.outstanding().currencyCode(),
          c.lastDayToSue().toString(),
          c.limitation().basis());
    }
  }

  static ProposalsView of(RetentionProposals.Proposals p) {
    return new ProposalsView(
        p.tenant(),
        p.asOf().toString(),
        p.proposals().stream().map(ProposalsView::proposal).toList());
  }

  private static ProposalView proposal(ErasureRules.Proposal p) {
    return new ProposalView(
        p.subjectId(),
        p.retentionEndedOn().toString(),
        p.claims().stream().map(ClaimView::of).toList());
  }
}
