package org.relance.contracts;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.relance.contracts.events.EventData;

/**
 * The one reader and writer of event data: a contract record ({@link EventData}) to the JSON of a
 * CloudEvent's {@code data} and back, with the contracts' single Jackson configuration ({@link
 * Json}). Services never read or write event fields by name; they map their domain events to the
 * records.
 */
public final class EventCodec {

  private static final Map<EventType, Class<? extends EventData>> CLASSES =
      new EnumMap<>(EventType.class);
  private static final Map<Class<?>, EventType> TYPES = new HashMap<>();

  static {
    // one record per type, named after it: the sealed interface lists them all
    for (Class<?> permitted : EventData.class.getPermittedSubclasses()) {
      EventType type =
          EventType.byName(permitted.getSimpleName())
              .orElseThrow(() -> new IllegalStateException(permitted + " names no event type"));
      CLASSES.put(type, permitted.asSubclass(EventData.class));
      TYPES.put(permitted, type);
    }
    for (EventType type : EventType.values()) {
      if (!CLASSES.containsKey(type)) {
        throw new IllegalStateException("no contract record for " + type.typeName());
      }
    }
  }

  private EventCodec() {}

  /** The record class of a type's data. */
  public static Class<? extends EventData> dataClass(EventType type) {
    return CLASSES.get(type);
  }

  /** The type whose data {@code data} is. */
  public static EventType typeOf(EventData data) {
    return TYPES.get(data.getClass());
  }

  /** The JSON of the data, as it is hashed and published. */
  public static ObjectNode write(EventData data) {
    return Json.toObject(data);
  }

  /** An event's data as its record, whatever its type. */
  public static EventData read(CloudEvent event) {
    return Json.convert(event.data(), dataClass(event.eventType()));
  }

  /**
   * An event's data as the record the caller expects.
   *
   * @throws InvalidEventException when the event is of another type or its data does not fit
   */
  public static <T extends EventData> T read(CloudEvent event, Class<T> expected) {
    EventType type = event.eventType();
    if (!expected.equals(CLASSES.get(type))) {
      throw new InvalidEventException(
          "a " + type.typeName() + " event does not carry " + expected.getSimpleName());
    }
    return Json.convert(event.data(), expected);
  }
}
