package org.relance.penalty.assessment.domain;

/**
 * A credit manager waives penalties of an invoice's latest statement.
 *
 * @param actor who decides it (the token's subject)
 */
public record WaivePenalties(
    String invoiceId, String tenant, WaiverScope scope, String reason, String actor) {}
