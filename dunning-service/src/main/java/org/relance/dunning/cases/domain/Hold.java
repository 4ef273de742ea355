package org.relance.dunning.cases.domain;

import java.time.LocalDate;

/**
 * What pauses an invoice's plan on a day, and until when (null: until something happens).
 *
 * @param kind DISPUTE, REPORTED_DISPUTE, PROMISE, PAYMENT_PLAN or PAUSE (also a metric tag)
 */
public record Hold(String kind, String reason, LocalDate until) {}
