package org.relance.platform.sql;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.relance.contracts.Json;

/**
 * Reads a {@code json}/{@code jsonb} column, which the reactive client returns as Vert.x JSON, as
 * Jackson.
 */
public final class JsonColumns {

  private JsonColumns() {}

  public static JsonNode read(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof JsonObject o) {
      return Json.parse(o.encode());
    }
    if (value instanceof JsonArray a) {
      return Json.parse(a.encode());
    }
    return Json.parse(value.toString());
  }
}
