package org.relance.penalty.rates.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every rate series the engines read: the seed below (each value with its primary source: the ECB,
 * the Banque de France, the Deutsche Bundesbank, the Bank of England, and the texts that define
 * each rate) plus the values operators recorded since, as events, so that a replay computes with
 * the rates that were known when the assessment was made.
 */
public record RateBook(Map<String, RateSeries> series) {

  public static final String ECB_MRO = "ECB_MRO";
  public static final String FR_LEGAL_PROFESSIONAL = "FR_LEGAL_PROFESSIONAL";
  public static final String FR_LEGAL_PRIVATE = "FR_LEGAL_PRIVATE";
  public static final String DE_BASE = "DE_BASE";
  public static final String UK_REFERENCE = "UK_REFERENCE";

  public RateBook {
    series = Map.copyOf(series);
  }

  public RateSeries get(String id) {
    RateSeries s = series.get(id);
    if (s == null) {
      throw new IllegalArgumentException("unknown rate series " + id);
    }
    return s;
  }

  public Optional<RateSeries> find(String id) {
    return Optional.ofNullable(series.get(id));
  }

  public RateBook record(String id, RatePoint point, LocalDate verifiedThrough) {
    Map<String, RateSeries> all = new LinkedHashMap<>(series);
    all.put(id, get(id).with(point, verifiedThrough));
    return new RateBook(all);
  }

  /**
   * The rates the engines will need for the current and the coming half-year that are not known
   * yet: operators must record them, or assessments reaching those days will wait.
   */
  public List<String> missing(LocalDate today) {
    List<String> missing = new ArrayList<>();
    for (LocalDate start :
        List.of(RateSeries.halfYearStart(today), RateSeries.nextHalfYearStart(today))) {
      for (String id : List.of(ECB_MRO, FR_LEGAL_PROFESSIONAL, DE_BASE, UK_REFERENCE)) {
        if (get(id).on(start).isEmpty()) {
          missing.add(id + " for the half-year starting " + start);
        }
      }
    }
    return missing;
  }

  private static RatePoint p(String from, String percent, String source) {
    return new RatePoint(LocalDate.parse(from), new BigDecimal(percent), source);
  }

  private static final String ECB =
      "ECB key interest rates, main refinancing operations (fixed rate tenders), ECB Data Portal"
          + " series FM.B.U2.EUR.4F.KR.MRR_FR.LEV,"
          + " https://data.ecb.europa.eu/data/datasets/FM/FM.B.U2.EUR.4F.KR.MRR_FR.LEV";
  private static final String LEGAL =
      "taux de l'intérêt légal, arrêté semestriel (Code monétaire et financier L313-2,"
          + " https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006072026), Banque de"
          + " France,"
          + " https://www.banque-france.fr/fr/statistiques/themes-statistiques-et-series-webstat-associees/taux-et-cours";

  /** The seed, as of 2026-11-23. Values marked "unverified" must be confirmed before relied on. */
  public static RateBook seed() {
    Map<String, RateSeries> all = new LinkedHashMap<>();
    all.put(
        ECB_MRO,
        new RateSeries(
            ECB_MRO,
            "ECB main refinancing rate",
            RateSeries.Kind.STEP,
            List.of(
                p("2022-12-21", "2.50", ECB),
                p("2023-02-08", "3.00", ECB),
                p("2023-03-22", "3.50", ECB),
                p("2023-05-10", "3.75", ECB),
                p("2023-06-21", "4.00", ECB),
                p("2023-08-02", "4.25", ECB),
                p("2023-09-20", "4.50", ECB),
                p("2024-06-12", "4.25", ECB),
                p("2024-09-18", "3.65", ECB),
                p("2024-10-23", "3.40", ECB),
                p("2024-12-18", "3.15", ECB),
                p("2025-02-05", "2.90", ECB),
                p("2025-03-12", "2.65", ECB),
                p("2025-04-23", "2.40", ECB),
                p("2025-06-11", "2.15", ECB)),
            // "unchanged into 2026"; a rise to 2.40 % in June 2026 is unverified, so 1 July 2026 is
            // not known.
            LocalDate.parse("2026-05-31")));
    all.put(
        FR_LEGAL_PROFESSIONAL,
        new RateSeries(
            FR_LEGAL_PROFESSIONAL,
            "French legal interest rate, professional creditors (autres cas)",
            RateSeries.Kind.HALF_YEARLY,
            List.of(
                p("2023-01-01", "2.06", LEGAL),
                p("2023-07-01", "4.22", LEGAL),
                p("2024-01-01", "5.07", LEGAL),
                p("2024-07-01", "4.92", LEGAL),
                p("2025-01-01", "3.71", LEGAL),
                p("2025-07-01", "2.76", LEGAL),
                p("2026-01-01", "2.62", LEGAL)),
            LocalDate.parse("2026-06-30")));
    all.put(
        FR_LEGAL_PRIVATE,
        new RateSeries(
            FR_LEGAL_PRIVATE,
            "French legal interest rate, private-person creditors",
            RateSeries.Kind.HALF_YEARLY,
            List.of(
                p("2024-01-01", "8.01", LEGAL),
                p("2025-01-01", "7.21", LEGAL),
                p("2026-01-01", "6.67", LEGAL)),
            LocalDate.parse("2026-06-30")));
    String bundesbank =
        "Deutsche Bundesbank Basiszinssatz (BGB § 247, https://www.gesetze-im-internet.de/bgb/__247.html),"
            + " https://www.bundesbank.de/de/bundesbank/organisation/agb-und-regelungen/basiszinssatz-607820";
    String derived = bundesbank + "; unverified: derived from ECB moves";
    all.put(
        DE_BASE,
        new RateSeries(
            DE_BASE,
            "German base rate (Basiszinssatz)",
            RateSeries.Kind.HALF_YEARLY,
            List.of(
                p("2023-01-01", "1.62", bundesbank),
                p("2023-07-01", "3.12", derived),
                p("2024-01-01", "3.62", derived),
                p("2024-07-01", "3.37", derived),
                p("2025-01-01", "2.27", derived),
                p("2025-07-01", "1.27", bundesbank),
                p("2026-01-01", "1.27", bundesbank)),
            LocalDate.parse("2026-06-30")));
    String boe =
        "Bank of England base rate (Bank Rate) on 31 Dec / 30 Jun,"
            + " https://www.bankofengland.co.uk/boeapps/database/Bank-Rate.asp (Late Payment of"
            + " Commercial Debts (Interest) Act 1998, https://www.legislation.gov.uk/ukpga/1998/20;"
            + " Late Payment of Commercial Debts (Rate of Interest) (No. 3) Order 2002,"
            + " https://www.legislation.gov.uk/uksi/2002/1675)";
    String boeDerived = boe + "; unverified: derived from base-rate moves";
    all.put(
        UK_REFERENCE,
        new RateSeries(
            UK_REFERENCE,
            "UK reference rate (Bank of England base rate fixed per half-year)",
            RateSeries.Kind.HALF_YEARLY,
            List.of(
                p("2023-01-01", "3.50", boe),
                p("2023-07-01", "5.00", boe),
                p("2024-01-01", "5.25", boe),
                p("2024-07-01", "5.25", boeDerived),
                p("2025-01-01", "4.75", boeDerived),
                p("2025-07-01", "4.25", boeDerived),
                p("2026-01-01", "3.75", boeDerived)),
            LocalDate.parse("2026-06-30")));
    return new RateBook(all);
  }
}
