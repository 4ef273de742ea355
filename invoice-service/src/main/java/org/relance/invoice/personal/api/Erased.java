package org.relance.invoice.personal.api;

/**
 * How every view of invoice-service shows a personal value that was erased (its data subject's keys
 * destroyed): the string {@code "erased"} where the value was, for an object or a list too. Never
 * {@code null}, which would read as "never known".
 */
public final class Erased {

  /** What a view shows in place of an erased value. */
  public static final String ERASED = org.relance.contracts.personal.PersonalDataSeal.ERASED;

  private Erased() {}

  /** {@code value}, or {@link #ERASED} when it was erased. */
  public static Object or(boolean erased, Object value) {
    return erased ? ERASED : value;
  }

  /** {@code value}, or {@link #ERASED} when it was erased. */
  public static String text(boolean erased, String value) {
    return erased ? ERASED : value;
  }
}
