package org.relance.platform.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An endpoint whose answer holds personal data (a debtor's contact, a letter's content) or an
 * evidence file: each call is written to the access log ({@link AccessLog}), who, what, when.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface AuditedRead {

  /** What is read, as the access log names it: invoice, debtor, evidence, notifications... */
  String value();
}
