package org.relance.penalty.rates.domain;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A rate value and the day it took effect, with where it comes from.
 *
 * @param ratePercent 12.15 means 12.15 %
 * @param source the publication (or the derivation) the value comes from
 */
public record RatePoint(LocalDate effectiveFrom, BigDecimal ratePercent, String source) {}
