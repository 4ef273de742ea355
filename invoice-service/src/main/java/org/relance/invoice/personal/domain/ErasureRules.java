package org.relance.invoice.personal.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.relance.contracts.Refusal;

/**
 * When a data subject's personal data may be erased, and when retention has ended.
 *
 * <p>The creditor keeps a debtor's contact data as long as it has a legal basis to pursue a claim:
 * while an invoice is still owed (outstanding above zero) and its limitation period ({@link
 * Limitation}) has not ended. Such a claim refuses the erasure; a claim paid in full, or one the
 * creditor can no longer sue for, does not. An operator may erase anyway ({@code override}): the
 * claims set aside are then recorded with the erasure.
 *
 * <p>Retention ends (the data should be erased without being asked) once the limitation period of
 * every claim of the subject has ended, paid or not.
 */
public final class ErasureRules {

  private ErasureRules() {}

  /** A claim that keeps the creditor's legal basis, and why. */
  public record Blocker(Claim claim, String reason) {}

  /** Allowed or refused. */
  public sealed interface Decision permits Allowed, Refused {}

  /**
   * The erasure may proceed.
   *
   * @param overridden the claims that would have refused it, set aside by an operator's override
   *     (empty without one)
   */
  public record Allowed(List<Blocker> overridden) implements Decision {
    public Allowed {
      overridden = List.copyOf(overridden);
    }

    public List<UUID> overriddenInvoices() {
      return overridden.stream().map(b -> b.claim().invoiceId()).toList();
    }
  }

  /** The erasure is refused: each claim that refuses it, and why. */
  public record Refused(String subjectId, List<Blocker> blockers) implements Decision {
    public Refused {
      blockers = List.copyOf(blockers);
    }

    /**
     * The refusal the API shows: 409 {@code erasure-refused}, one entry per invoice (its id) with
     * the reason.
     */
    public Refusal refusal() {
      StringBuilder detail =
          new StringBuilder("the personal data of ")
              .append(subjectId)
              .append(" cannot be erased while the creditor may still pursue a claim: ");
      for (int i = 0; i < blockers.size(); i++) {
        Blocker b = blockers.get(i);
        detail
            .append(i == 0 ? "" : "; ")
            .append("invoice ")
            .append(b.claim().invoiceNumber())
            .append(" (")
            .append(b.claim().invoiceId())
            .append(") is ")
            .append(b.reason());
      }
      detail.append(". An operator may erase anyway with override, which is recorded.");
      return new Refusal(
          Refusal.Kind.CONFLICT,
          "erasure-refused",
          "Erasure refused",
          detail.toString(),
          blockers.stream()
              .map(b -> new Refusal.Violation(b.claim().invoiceId().toString(), b.reason()))
              .toList());
    }
  }

  /**
   * Whether the subject's data may be erased on {@code today}: refused while a claim is open and
   * inside its limitation period, unless {@code override}.
   */
  public static Decision decide(
      String subjectId, List<Claim> claims, LocalDate today, boolean override) {
    List<Blocker> blockers = new ArrayList<>();
    for (Claim claim : claims) {
      blocker(claim, today).ifPresent(blockers::add);
    }
    if (blockers.isEmpty() || override) {
      return new Allowed(blockers);
    }
    return new Refused(subjectId, blockers);
  }

  /** Why the claim keeps the creditor's legal basis on {@code today}, if it does. */
  public static Optional<Blocker> blocker(Claim claim, LocalDate today) {
    if (claim.closed() || claim.timeBarred(today)) {
      return Optional.empty();
    }
    return Optional.of(
        new Blocker(
            claim,
            "open: "
                + claim.outstanding().toPlainString()
                + " "
                + claim.outstanding().currencyCode()
                + " outstanding, the creditor may sue until "
                + claim.lastDayToSue()
                + " ("
                + claim.limitation().basis()
                + ")"));
  }

  /**
   * A subject whose retention has ended: every claim's limitation period is over.
   *
   * @param retentionEndedOn the first day on which no claim could be pursued any more (the day
   *     after the latest last day to sue)
   */
  public record Proposal(String subjectId, LocalDate retentionEndedOn, List<Claim> claims) {
    public Proposal {
      claims = List.copyOf(claims);
    }
  }

  /** The proposal to erase the subject, when the limitation period of every claim has ended. */
  public static Optional<Proposal> proposal(String subjectId, List<Claim> claims, LocalDate today) {
    if (claims.isEmpty() || !claims.stream().allMatch(c -> c.timeBarred(today))) {
      return Optional.empty();
    }
    LocalDate last =
        claims.stream().map(Claim::lastDayToSue).max(Comparator.naturalOrder()).orElseThrow();
    return Optional.of(new Proposal(subjectId, last.plusDays(1), claims));
  }
}
