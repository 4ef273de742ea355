package org.relance.penalty.assessment.domain;

import java.math.BigDecimal;
import org.relance.contracts.Refusal;

/**
 * Decides waivers: a waiver waives what is still owed of each component of the latest statement —
 * payments went to interest before the indemnity, and earlier waivers are deducted component by
 * component. Interest accruing after the statement's date stays due.
 */
public final class PenaltyWaivers {

  private PenaltyWaivers() {}

  /**
   * An invoice's penalties as a waiver sees them, for one tenant.
   *
   * @param lastAssessed the latest statement, or null when none was assessed
   * @param interestWaived all interest waived so far
   * @param indemnityWaived all indemnity waived so far
   */
  public record State(
      String tenant,
      PenaltyEvent.Recorded lastAssessed,
      BigDecimal interestWaived,
      BigDecimal indemnityWaived) {

    public static State initial(String tenant) {
      return new State(tenant, null, BigDecimal.ZERO, BigDecimal.ZERO);
    }

    public Statement statement() {
      return ((PenaltyEvent.Assessed) lastAssessed.event()).statement();
    }
  }

  /**
   * The state after one more event of the invoice's stream; another tenant's events, and events
   * that are not about penalties (null), change nothing.
   */
  public static State evolve(State state, PenaltyEvent.Recorded recorded) {
    if (recorded.event() == null || !recorded.tenant().equals(state.tenant())) {
      return state;
    }
    if (recorded.event() instanceof PenaltyEvent.Assessed) {
      return new State(state.tenant(), recorded, state.interestWaived(), state.indemnityWaived());
    }
    PenaltyEvent.Waived w = (PenaltyEvent.Waived) recorded.event();
    return new State(
        state.tenant(),
        state.lastAssessed(),
        state.interestWaived().add(w.interestWaived()),
        state.indemnityWaived().add(w.indemnityWaived()));
  }

  /**
   * The waiver, or a refusal: 404 when nothing was assessed, 409 when what the scope names is
   * already waived or nil.
   */
  public static PenaltyEvent.Waived decide(WaivePenalties command, State state) {
    if (state.lastAssessed() == null) {
      throw Refusal.notFound(
          "no penalties assessed for invoice "
              + command.invoiceId()
              + " (tenant "
              + command.tenant()
              + ")");
    }
    Statement s = state.statement();
    BigDecimal accrued = s.interest();
    BigDecimal fixed = s.indemnity();
    BigDecimal paid = s.penaltiesPaid() == null ? BigDecimal.ZERO : s.penaltiesPaid();
    BigDecimal interestOwed =
        accrued.subtract(paid.min(accrued)).subtract(state.interestWaived()).max(BigDecimal.ZERO);
    BigDecimal indemnityOwed =
        fixed
            .subtract(paid.subtract(accrued).max(BigDecimal.ZERO))
            .subtract(state.indemnityWaived())
            .max(BigDecimal.ZERO);
    BigDecimal interest = command.scope() == WaiverScope.INDEMNITY ? BigDecimal.ZERO : interestOwed;
    BigDecimal indemnity =
        command.scope() == WaiverScope.INTEREST ? BigDecimal.ZERO : indemnityOwed;
    if (interest.signum() == 0 && indemnity.signum() == 0) {
      throw new Refusal(
          Refusal.Kind.CONFLICT,
          null,
          "Nothing to waive",
          "the "
              + command.scope().name().toLowerCase()
              + " penalties of invoice "
              + command.invoiceId()
              + " as of "
              + s.asOf()
              + " are already waived or nil",
          null);
    }
    return new PenaltyEvent.Waived(
        command.invoiceId(),
        command.scope(),
        interest.setScale(2),
        indemnity.setScale(2),
        s.currency(),
        s.asOf(),
        command.reason(),
        command.actor());
  }

  /**
   * The latest statement of an invoice for a tenant, with the waivers recorded after it deducted
   * (those recorded before are in it already), or null when none was assessed.
   */
  public static Latest latest(String tenant, Iterable<PenaltyEvent.Recorded> events) {
    PenaltyEvent.Recorded last = null;
    BigDecimal waivedSince = BigDecimal.ZERO;
    for (PenaltyEvent.Recorded e : events) {
      if (e.event() == null || !e.tenant().equals(tenant)) {
        continue;
      }
      if (e.event() instanceof PenaltyEvent.Assessed) {
        last = e;
        waivedSince = BigDecimal.ZERO;
      } else {
        waivedSince = waivedSince.add(((PenaltyEvent.Waived) e.event()).waived());
      }
    }
    if (last == null) {
      return null;
    }
    return new Latest(
        last.eventId(),
        ((PenaltyEvent.Assessed) last.event()).statement().withWaivers(waivedSince));
  }

  /** A statement and the id of the event that stated it. */
  public record Latest(String eventId, Statement statement) {}
}
