package org.relance.penalty.assessment.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;
import org.relance.contracts.money.Money;
import org.relance.penalty.rates.domain.RateBook;
import org.relance.penalty.rates.domain.RatePoint;
import org.relance.penalty.rates.domain.RateSeries;

/**
 * The late-payment rules of each jurisdiction, as configuration of one engine: which reference rate
 * and margin, whether a contractual rate replaces or only raises it, whether the rate is fixed once
 * for the whole debt, and the fixed compensation per claim.
 */
public enum Jurisdiction {

  /** France: Code de commerce L441-10 II, D441-5. */
  FR("EUR", false, "Code de commerce L441-10 II"),
  /** The EU Late Payment Directive's default: reference rate + 8 points, 40 EUR. */
  EU("EUR", false, "Directive 2011/7/EU art. 2(6), 3, 6"),
  /** Germany: BGB § 288 (2) and (5), § 247. */
  DE("EUR", false, "BGB § 288 Abs. 2, § 247"),
  /** United Kingdom: Late Payment of Commercial Debts (Interest) Act 1998. */
  GB("GBP", true, "Late Payment of Commercial Debts (Interest) Act 1998, s. 4, 5A; SI 2002/1675");

  private static final BigDecimal THREE = BigDecimal.valueOf(3);

  private final String currency;
  private final boolean rateFixedForTheDebt;
  private final String reference;

  Jurisdiction(String currency, boolean rateFixedForTheDebt, String reference) {
    this.currency = currency;
    this.rateFixedForTheDebt = rateFixedForTheDebt;
    this.reference = reference;
  }

  /** The currency the fixed compensation is set in; claims in another currency are refused. */
  public String currency() {
    return currency;
  }

  /** UK: the reference rate of the half-year in which the debt became late applies to all of it. */
  public boolean rateFixedForTheDebt() {
    return rateFixedForTheDebt;
  }

  public String reference() {
    return reference;
  }

  /**
   * Days in a year for simple interest: 365, leap years included (practice; the laws are silent).
   */
  public int dayCountBasis() {
    return 365;
  }

  /** The member states other than France and Germany, whose own rules are not encoded yet. */
  private static final java.util.Set<String> OTHER_EU_MEMBERS =
      java.util.Set.of(
          "AT", "BE", "BG", "CY", "CZ", "DK", "EE", "ES", "FI", "GR", "HR", "HU", "IE", "IT", "LT",
          "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK");

  /**
   * The rules for an invoice's jurisdiction code: FR, DE and GB have their own; another EU member
   * state gets the Late Payment Directive's default (every member state's law gives at least that).
   */
  public static Optional<Jurisdiction> of(String code) {
    if (OTHER_EU_MEMBERS.contains(code)) {
      return Optional.of(EU);
    }
    try {
      return Optional.of(valueOf(code));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** A rate and the rule that gave it. */
  public record AppliedRate(BigDecimal percent, String rule) {}

  /**
   * The annual rate for a day late ({@code day} is the first day of a span of constant rate; for
   * the UK, the first late day of the debt).
   */
  public AppliedRate rate(LocalDate day, BigDecimal contract, RateBook rates) {
    LocalDate halfYear = RateSeries.halfYearStart(day);
    switch (this) {
      case FR:
        {
          if (contract == null) {
            RatePoint mro = rates.get(RateBook.ECB_MRO).require(halfYear);
            return new AppliedRate(
                mro.ratePercent().add(BigDecimal.TEN),
                "default rate: ECB main refinancing rate in force on "
                    + halfYear
                    + " ("
                    + plain(mro.ratePercent())
                    + " %, since "
                    + mro.effectiveFrom()
                    + ") + 10 points");
          }
          RatePoint legal = rates.get(RateBook.FR_LEGAL_PROFESSIONAL).require(halfYear);
          BigDecimal floor = legal.ratePercent().multiply(THREE);
          if (contract.compareTo(floor) >= 0) {
            return new AppliedRate(
                contract,
                "contractual rate "
                    + plain(contract)
                    + " %, not below 3 x the legal rate of "
                    + halfYear
                    + " ("
                    + plain(floor)
                    + " %)");
          }
          return new AppliedRate(
              floor,
              "contractual rate "
                  + plain(contract)
                  + " % raised to its floor: 3 x the legal rate of "
                  + halfYear
                  + " ("
                  + plain(legal.ratePercent())
                  + " %) = "
                  + plain(floor)
                  + " %");
        }
      case EU:
        {
          if (contract != null) {
            return new AppliedRate(contract, "agreed rate " + plain(contract) + " %");
          }
          RatePoint mro = rates.get(RateBook.ECB_MRO).require(halfYear);
          return new AppliedRate(
              mro.ratePercent().add(BigDecimal.valueOf(8)),
              "statutory rate: ECB main refinancing rate on "
                  + halfYear
                  + " ("
                  + plain(mro.ratePercent())
                  + " %) + 8 points");
        }
      case DE:
        {
          RatePoint base = rates.get(RateBook.DE_BASE).require(halfYear);
          BigDecimal statutory = base.ratePercent().add(BigDecimal.valueOf(9));
          if (contract != null && contract.compareTo(statutory) > 0) {
            return new AppliedRate(
                contract,
                "agreed rate "
                    + plain(contract)
                    + " %, above the statutory "
                    + plain(statutory)
                    + " % (BGB § 288 Abs. 3)");
          }
          return new AppliedRate(
              statutory,
              "base rate of " + halfYear + " (" + plain(base.ratePercent()) + " %) + 9 points");
        }
      case GB:
        {
          if (contract != null) {
            return new AppliedRate(
                contract,
                "contractual rate "
                    + plain(contract)
                    + " % (a substantial contractual remedy"
                    + " displaces statutory interest)");
          }
          RatePoint ref = rates.get(RateBook.UK_REFERENCE).require(halfYear);
          return new AppliedRate(
              ref.ratePercent().add(BigDecimal.valueOf(8)),
              "reference rate of the half-year the debt became late ("
                  + halfYear
                  + ": "
                  + plain(ref.ratePercent())
                  + " %) + 8 %, fixed for the debt");
        }
      default:
        throw new IllegalStateException("no rules for " + this);
    }
  }

  /** The fixed compensation for recovery costs of one late claim. */
  public Assessment.Rule compensationRule(Money principal) {
    switch (this) {
      case FR:
        return new Assessment.Rule(
            "fixed indemnity for recovery costs: 40 EUR per invoice paid late",
            "Code de commerce L441-10 II, D441-5");
      case EU:
        return new Assessment.Rule("fixed compensation: 40 EUR", "Directive 2011/7/EU art. 6");
      case DE:
        return new Assessment.Rule("Pauschale: 40 EUR per claim", "BGB § 288 Abs. 5");
      case GB:
        {
          BigDecimal amount = principal.amount();
          String band =
              amount.compareTo(BigDecimal.valueOf(1000)) < 0
                  ? "40 GBP (debt under 1,000 GBP)"
                  : amount.compareTo(BigDecimal.valueOf(10000)) < 0
                      ? "70 GBP (debt of 1,000 to 9,999.99 GBP)"
                      : "100 GBP (debt of 10,000 GBP or more)";
          return new Assessment.Rule(
              "fixed sum: " + band, "Late Payment of Commercial Debts (Interest) Act 1998, s. 5A");
        }
      default:
        throw new IllegalStateException("no rules for " + this);
    }
  }

  public Money compensation(Money principal) {
    if (this != GB) {
      return Money.of("40.00", currency);
    }
    BigDecimal amount = principal.amount();
    String fixed =
        amount.compareTo(BigDecimal.valueOf(1000)) < 0
            ? "40.00"
            : amount.compareTo(BigDecimal.valueOf(10000)) < 0 ? "70.00" : "100.00";
    return Money.of(fixed, currency);
  }

  private static String plain(BigDecimal d) {
    return d.stripTrailingZeros().toPlainString();
  }
}
