package org.relance.platform.eventstore;

/**
 * Another transaction appended to the stream first (optimistic concurrency on the stream version).
 * Reload the stream and decide again; the consumers retry this automatically.
 */
public class ConcurrencyException extends RuntimeException {
  public ConcurrencyException(String streamId, long expected, long actual) {
    super("stream " + streamId + " is at version " + actual + ", expected " + expected);
  }

  public ConcurrencyException(String message) {
    super(message);
  }
}
