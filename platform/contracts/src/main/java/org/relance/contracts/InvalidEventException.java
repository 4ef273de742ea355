package org.relance.contracts;

/**
 * A record that can never be processed as it is: not JSON, not a CloudEvent, an unknown type, or
 * data that breaks its schema. Consumers send such records to their dead-letter topic with this
 * message as the reason, instead of retrying them.
 */
public class InvalidEventException extends RuntimeException {
  public InvalidEventException(String message) {
    super(message);
  }
}
