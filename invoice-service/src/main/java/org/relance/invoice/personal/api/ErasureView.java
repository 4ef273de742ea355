package org.relance.invoice.personal.api;

import java.util.List;
import org.relance.invoice.personal.application.Erasures;

/**
 * The answer to an erasure: the subject, when its keys were destroyed, how many generations this
 * request destroyed (0 when it was erased already), every invoice of the subject, and whether an
 * operator overrode the rules (the claims set aside in {@code overridden}).
 */
public record ErasureView(
    String subjectId,
    String erasedAt,
    int keyGenerations,
    List<String> invoices,
    boolean override,
    List<String> overridden) {

  static ErasureView of(Erasures.Erased e) {
    return new ErasureView(
        e.subjectId(),
        e.erasedAt(),
        e.keyGenerations(),
        e.invoices().stream().map(Object::toString).toList(),
        e.override(),
        e.overridden().stream().map(Object::toString).toList());
  }
}
