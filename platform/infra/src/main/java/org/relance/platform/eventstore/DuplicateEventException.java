package org.relance.platform.eventstore;

/**
 * An event with this id is already stored: the decision was already made and recorded (ids are
 * derived from their cause where a retry must be recognised).
 */
public class DuplicateEventException extends RuntimeException {
  public DuplicateEventException(String message) {
    super(message);
  }
}
