package org.relance.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.relance.contracts.Json;

/**
 * A property test of an HTTP API: throws generated bodies (mutations of a valid one: wrong types,
 * huge and exponent numbers, over-long strings, control characters, dates out of range, duplicate
 * keys, lists over their limit, deep nesting, truncated or oversized bodies) at each endpoint and
 * checks, for every answer: never a 5xx; a 4xx is a problem+json document and stores nothing (no
 * row added to any table, no record on any topic). The seed is printed, and a failure names it, so
 * a run can be repeated with {@code -Drelance.fuzz.seed=…}.
 */
public final class EndpointFuzzer {

  /** One endpoint: its method, its concrete path and a body it accepts. */
  public record Endpoint(String method, String path, String validBody) {}

  /** What a try changed nowhere: the state to compare. */
  public interface State extends Supplier<Map<String, Long>> {}

  private static final String[] NASTY_STRINGS = {
    "",
    " ",
    "\u0000",
    "a\u0007b",
    "\u001b[31m",
    "\u0085",
    "\ud800",
    "\udc00x",
    "😀",
    "\u202eevil",
    "'; drop table event_store; --",
    "<script>alert(1)</script>",
    "0000-01-01",
    "+10000-01-01",
    "10000-01-01",
    "2026-02-30",
    "9999-12-31",
    "0001-01-01",
    "-1",
    "1e3",
    "12345678901234567890.123",
    "0.0000001",
    "EUR",
    "XXX",
    "eur",
    "NaN",
    "Infinity",
  };

  private static final String[] RAW_NUMBERS = {
    "1e1000000000",
    "-1E-1000000000",
    "1E+2",
    "123456789012345678901234567890",
    "0.000000000000000000000001",
    "-0",
    "-1",
    "0",
    "2147483648",
    "-2147483649",
    "9223372036854775808",
    "1.5",
    "100.001",
    "99999999999999.99",
  };

  private final String baseUrl;
  private final java.util.function.Function<Endpoint, Map<String, String>> headers;
  private final State state;
  private final Runnable settle;
  private final HttpClient http =
      HttpClient.newBuilder()
          // HTTP/1.1: the JDK client's h2c upgrade has been seen to stall on a large answer
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  /**
   * @param headers sent with each endpoint's requests (its access token); a try may drop one
   * @param state what must not change on a 4xx (see {@link SideEffects})
   * @param settle waits until the effects of an accepted request are all visible (relay flushed)
   */
  public EndpointFuzzer(
      String baseUrl,
      java.util.function.Function<Endpoint, Map<String, String>> headers,
      State state,
      Runnable settle) {
    this.baseUrl = baseUrl;
    this.headers = headers;
    this.state = state;
    this.settle = settle;
  }

  /**
   * The property test of a service under test: {@value #TRIES} generated bodies at each endpoint,
   * as one tenant, each with a token of a role its OpenAPI operation admits; fails on a 5xx, on a
   * 4xx that is not problem+json or stored something, and when no body at all was refused (the
   * generator would be broken).
   *
   * @param settle waits until an accepted request's effects are visible (the relay flushed)
   */
  public static void check(
      String baseUrl,
      String jdbcUrl,
      String bootstrap,
      Runnable settle,
      String tenant,
      List<Endpoint> endpoints) {
    Map<Endpoint, JsonNode> operations = documented(baseUrl, endpoints);
    // the tokens first: making one registers its tenant, which must happen before the state the
    // tries are compared with
    Map<Endpoint, Map<String, String>> tokens = new java.util.HashMap<>();
    for (Endpoint endpoint : endpoints) {
      String role = AccessCheck.roles(operations.get(endpoint)).get(0);
      tokens.put(
          endpoint,
          Map.of(
              "Authorization",
              "Bearer " + Tokens.of(role, role.equals(AccessCheck.OPERATOR) ? null : tenant)));
    }
    try (SideEffects state = new SideEffects(jdbcUrl, bootstrap)) {
      Map<Integer, Integer> statuses =
          new EndpointFuzzer(baseUrl.replaceAll("/$", ""), tokens::get, state, settle)
              .run(endpoints, TRIES, seed());
      if (statuses.keySet().stream().noneMatch(s -> s >= 400)) {
        throw new AssertionError("no generated body was refused: " + statuses);
      }
    }
  }

  /**
   * Fails unless the service's OpenAPI document gives each endpoint a request schema with its
   * properties (a request record with {@code @Schema}), so an integrator sees every field and
   * limit; answers each endpoint's operation.
   */
  public static Map<Endpoint, JsonNode> documented(String baseUrl, List<Endpoint> endpoints) {
    JsonNode paths;
    Map<Endpoint, JsonNode> operations = new java.util.HashMap<>();
    try {
      String doc =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .build()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(baseUrl.replaceAll("/$", "") + "/q/openapi?format=json"))
                      .timeout(Duration.ofSeconds(30))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      JsonNode openapi = Json.parse(doc);
      paths = openapi.path("paths");
      for (Endpoint endpoint : endpoints) {
        // the most literal template that has the method, as JAX-RS routes it
        JsonNode operation = null;
        long parameters = Long.MAX_VALUE;
        for (Iterator<String> templates = paths.fieldNames(); templates.hasNext(); ) {
          String template = templates.next();
          JsonNode candidate = paths.path(template).path(endpoint.method().toLowerCase());
          long count = template.chars().filter(c -> c == '{').count();
          if (endpoint.path().matches(template.replaceAll("\\{[^/]+}", "[^/]+"))
              && !candidate.isMissingNode()
              && count < parameters) {
            operation = candidate;
            parameters = count;
          }
        }
        if (operation == null || operation.isMissingNode()) {
          throw new AssertionError("no operation for " + endpoint.method() + " " + endpoint.path());
        }
        String ref =
            operation
                .path("requestBody")
                .path("content")
                .path("application/json")
                .path("schema")
                .path("$ref")
                .asText("");
        JsonNode schema =
            openapi
                .path("components")
                .path("schemas")
                .path(ref.replace("#/components/schemas/", ""));
        if (ref.isEmpty() || !schema.has("properties")) {
          throw new AssertionError(
              endpoint.method()
                  + " "
                  + endpoint.path()
                  + " has no request schema with properties in the OpenAPI document: "
                  + operation.path("requestBody"));
        }
        operations.put(endpoint, operation);
      }
      return operations;
    } catch (java.io.IOException e) {
      throw new AssertionError("could not read the OpenAPI document", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Tries per endpoint. */
  public static final int TRIES = 200;

  /**
   * An open dead letter of the tenant in the service at {@code baseUrl}, for its discard endpoint:
   * a record its consumer gives up on at once (not a CloudEvent) on {@code topic}.
   *
   * @return the dead letter's event id
   */
  public static String deadLetter(String baseUrl, String bootstrap, String topic, String tenant) {
    String eventId = java.util.UUID.randomUUID().toString();
    new TopicReader(bootstrap)
        .send(
            topic,
            eventId,
            "{\"id\":\"%s\",\"type\":\"%s\",\"tenant\":\"%s\",\"this\":\"is not an event\"}"
                .formatted(eventId, topic, tenant));
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        String listed =
            http.send(
                    HttpRequest.newBuilder(
                            URI.create(baseUrl.replaceAll("/$", "") + "/api/v1/admin/dead-letters"))
                        .header("Authorization", "Bearer " + Tokens.of(AccessCheck.OPERATOR, null))
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                    HttpResponse.BodyHandlers.ofString())
                .body();
        if (listed.contains(eventId)) {
          return eventId;
        }
        Thread.sleep(250);
      } catch (java.io.IOException e) {
        throw new AssertionError("could not list dead letters", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("record " + eventId + " on " + topic + " was never dead-lettered");
  }

  public static long seed() {
    String given = System.getProperty("relance.fuzz.seed");
    long seed = given != null ? Long.parseLong(given) : new Random().nextLong();
    System.out.println(
        "EndpointFuzzer seed: " + seed + " (repeat with -Drelance.fuzz.seed=" + seed + ")");
    return seed;
  }

  /** Runs {@code tries} generated bodies against each endpoint; returns the statuses seen. */
  public Map<Integer, Integer> run(List<Endpoint> endpoints, int tries, long seed) {
    Random random = new Random(seed);
    Map<Integer, Integer> statuses = new java.util.TreeMap<>();
    settle.run();
    Map<String, Long> before = quiet();
    for (Endpoint endpoint : endpoints) {
      for (int i = 0; i < tries; i++) {
        String body = mutate(endpoint.validBody(), random);
        Map<String, String> sent = new java.util.LinkedHashMap<>(headers.apply(endpoint));
        if (random.nextInt(20) == 0 && !sent.isEmpty()) {
          sent.remove(new ArrayList<>(sent.keySet()).get(random.nextInt(sent.size())));
        }
        HttpResponse<String> answer = send(endpoint, sent, body);
        int status = answer.statusCode();
        statuses.merge(status, 1, Integer::sum);
        String what =
            endpoint.method()
                + " "
                + endpoint.path()
                + " (seed "
                + seed
                + ", try "
                + i
                + ") with body "
                + abbreviate(body)
                + " answered "
                + status
                + " "
                + abbreviate(answer.body());
        if (status >= 500) {
          throw new AssertionError("a 5xx: " + what);
        }
        if (status >= 400) {
          String type = answer.headers().firstValue("content-type").orElse("");
          if (!type.startsWith("application/problem+json")) {
            throw new AssertionError("a 4xx that is not problem+json (" + type + "): " + what);
          }
          Map<String, Long> after = state.get();
          if (!after.equals(before)) {
            throw new AssertionError(
                "a 4xx stored something: " + difference(before, after) + " after " + what);
          }
        } else {
          settle.run();
          before = quiet();
        }
      }
    }
    System.out.println(
        "EndpointFuzzer: "
            + endpoints.size()
            + " endpoints x "
            + tries
            + " tries (seed "
            + seed
            + "), statuses "
            + statuses);
    return statuses;
  }

  /** The state once it stopped changing (consumers of this service's own events are done). */
  /**
   * The state once it stopped changing: unchanged over two polls half a second apart (a consumer of
   * this service's own events can take most of a second to see a record of a transaction).
   */
  private Map<String, Long> quiet() {
    Map<String, Long> last = state.get();
    int stable = 0;
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      settle.run();
      Map<String, Long> now = state.get();
      stable = now.equals(last) ? stable + 1 : 0;
      if (stable == 2) {
        return now;
      }
      last = now;
    }
    throw new AssertionError("the service never went quiet: " + last);
  }

  private HttpResponse<String> send(Endpoint endpoint, Map<String, String> sent, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl + endpoint.path()))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json")
            .method(endpoint.method(), HttpRequest.BodyPublishers.ofString(body));
    sent.forEach(request::header);
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new AssertionError(
          "no answer from " + endpoint.method() + " " + endpoint.path() + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** One to three mutations of a valid body, at the tree or at the text. */
  static String mutate(String valid, Random random) {
    int kind = random.nextInt(10);
    if (kind == 0) {
      return textMutation(valid, random);
    }
    JsonNode root = Json.parse(valid);
    List<String> raw = new ArrayList<>();
    int mutations = 1 + random.nextInt(3);
    for (int m = 0; m < mutations; m++) {
      mutateTree(root, random, raw);
    }
    String text = Json.write(root);
    for (int i = 0; i < raw.size(); i++) {
      text = text.replace("\"@@RAW" + i + "@@\"", raw.get(i));
    }
    return text;
  }

  private static void mutateTree(JsonNode root, Random random, List<String> raw) {
    List<ContainerSlot> slots = new ArrayList<>();
    collect(root, slots);
    if (slots.isEmpty()) {
      return;
    }
    ContainerSlot slot = slots.get(random.nextInt(slots.size()));
    JsonNode value = nasty(random, raw);
    if (slot.parent() instanceof ObjectNode object) {
      switch (random.nextInt(6)) {
        case 0 -> object.remove(slot.name());
        case 1 -> object.set("unexpected" + random.nextInt(3), value);
        default -> object.set(slot.name(), value);
      }
    } else if (slot.parent() instanceof ArrayNode array) {
      array.set(slot.index(), value);
    }
  }

  private record ContainerSlot(JsonNode parent, String name, int index) {}

  private static void collect(JsonNode node, List<ContainerSlot> slots) {
    if (node instanceof ObjectNode object) {
      for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        slots.add(new ContainerSlot(object, name, -1));
        collect(object.get(name), slots);
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        slots.add(new ContainerSlot(array, null, i));
        collect(array.get(i), slots);
      }
    }
  }

  private static JsonNode nasty(Random random, List<String> raw) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    switch (random.nextInt(9)) {
      case 0 -> {
        return f.textNode(NASTY_STRINGS[random.nextInt(NASTY_STRINGS.length)]);
      }
      case 1 -> {
        int[] lengths = {199, 200, 201, 254, 255, 2000, 2001, 5000};
        String unit = random.nextBoolean() ? "é" : "a";
        return f.textNode(unit.repeat(lengths[random.nextInt(lengths.length)]));
      }
      case 2 -> {
        raw.add(RAW_NUMBERS[random.nextInt(RAW_NUMBERS.length)]);
        return f.textNode("@@RAW" + (raw.size() - 1) + "@@");
      }
      case 3 -> {
        return random.nextBoolean() ? f.booleanNode(random.nextBoolean()) : f.nullNode();
      }
      case 4 -> {
        ArrayNode list = f.arrayNode();
        int size = random.nextBoolean() ? 101 : random.nextInt(3);
        for (int i = 0; i < size; i++) {
          list.add(random.nextBoolean() ? f.textNode("x" + i) : f.objectNode().put("k", i));
        }
        return list;
      }
      case 5 -> {
        ObjectNode deep = f.objectNode();
        ObjectNode at = deep;
        for (int i = 0; i < 1 + random.nextInt(25); i++) {
          at = at.putObject("n");
        }
        return deep;
      }
      case 6 -> {
        return f.numberNode(random.nextInt());
      }
      case 7 -> {
        return f.textNode(Integer.toString(random.nextInt(100000)) + "." + random.nextInt(1000));
      }
      default -> {
        return f.objectNode();
      }
    }
  }

  private static String textMutation(String valid, Random random) {
    switch (random.nextInt(7)) {
      case 0 -> {
        return valid.substring(0, random.nextInt(Math.max(1, valid.length())));
      }
      case 1 -> {
        // a duplicate of the body's first key
        int colon = valid.indexOf(':');
        int open = valid.indexOf('{');
        if (colon < 0 || open < 0) {
          return valid + "}";
        }
        String key = valid.substring(open + 1, colon).strip();
        return "{" + key + ":\"dup\"," + valid.substring(open + 1);
      }
      case 2 -> {
        return "";
      }
      case 3 -> {
        String[] tops = {"[]", "\"text\"", "42", "null", "true", "[{}]"};
        return tops[random.nextInt(tops.length)];
      }
      case 4 -> {
        // over the body limit
        return "{\"padding\":\""
            + "x".repeat(70_000)
            + "\","
            + valid.substring(valid.indexOf('{') + 1);
      }
      case 5 -> {
        int at = random.nextInt(valid.length() + 1);
        return valid.substring(0, at) + (char) random.nextInt(128) + valid.substring(at);
      }
      default -> {
        return valid.replaceFirst("\"", "\"\\\\u0000");
      }
    }
  }

  private static String abbreviate(String text) {
    return text == null ? "null" : text.length() <= 300 ? text : text.substring(0, 300) + "…";
  }

  private static String difference(Map<String, Long> before, Map<String, Long> after) {
    List<String> changes = new ArrayList<>();
    after.forEach(
        (k, v) -> {
          if (!v.equals(before.get(k))) {
            changes.add(k + ": " + before.get(k) + " -> " + v);
          }
        });
    before.keySet().stream()
        .filter(k -> !after.containsKey(k))
        .forEach(k -> changes.add(k + " gone"));
    return String.join(", ", changes);
  }
}
