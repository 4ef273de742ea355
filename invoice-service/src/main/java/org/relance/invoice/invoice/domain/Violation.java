package org.relance.invoice.invoice.domain;

/** A rule a command broke, named by the request field it concerns. */
public record Violation(String field, String reason) {}
