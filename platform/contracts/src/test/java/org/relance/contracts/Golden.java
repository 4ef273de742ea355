package org.relance.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Test fixtures: the golden events of src/test/resources/golden, shared with the services' tests.
 */
public final class Golden {

  private Golden() {}

  public static String text(String resource) {
    try (InputStream in = Golden.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no such test resource: " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The golden example of one event type, sealed. */
  public static CloudEvent event(EventType type) {
    return CloudEvent.parse(text("golden/events/" + type.typeName() + ".json"));
  }

  /** A three-event invoice stream of invoice-service, chained from the genesis hash. */
  public static List<CloudEvent> invoiceStream() {
    List<CloudEvent> events = new ArrayList<>();
    for (JsonNode node : Json.parse(text("golden/invoice-stream.json"))) {
      events.add(CloudEvent.parse(Json.write(node)));
    }
    return events;
  }
}
