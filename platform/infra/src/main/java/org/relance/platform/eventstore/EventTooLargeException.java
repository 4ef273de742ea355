package org.relance.platform.eventstore;

/**
 * An event whose envelope is larger than the event store accepts ({@code
 * relance.event-store.max-event-bytes}, well below the broker's record limit): refused at append,
 * so it can never reach the relay and stop it for every tenant.
 */
public class EventTooLargeException extends RuntimeException {

  private final String eventType;
  private final int bytes;
  private final int maxBytes;

  public EventTooLargeException(String eventType, int bytes, int maxBytes) {
    super(
        "a "
            + eventType
            + " event of "
            + bytes
            + " bytes is larger than the "
            + maxBytes
            + " bytes an event may take");
    this.eventType = eventType;
    this.bytes = bytes;
    this.maxBytes = maxBytes;
  }

  public String eventType() {
    return eventType;
  }

  public int bytes() {
    return bytes;
  }

  public int maxBytes() {
    return maxBytes;
  }
}
