package org.relance.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.relance.contracts.Json;

/**
 * Walks a service's OpenAPI document and checks, for every {@code /api} operation, who may call it:
 * no token, an expired token, a token for another audience or a forged signature: 401 problem with
 * a Bearer challenge; every role outside the operation's documented roles: 403 problem; a role it
 * admits but another tenant's token, on this tenant's resources: 404, and for a list without path
 * parameters, none of this tenant's items in the answer. A request that still carries a retired
 * header ({@code X-Relance-Tenant}, {@code X-Relance-Actor}): 400 naming it.
 */
public final class AccessCheck {

  public static final String OPERATOR = "operator";
  public static final List<String> TENANT_ROLES =
      List.of("erp", "credit-manager", "collector", "viewer");
  public static final List<String> ALL_ROLES =
      List.of("erp", "credit-manager", "collector", "viewer", OPERATOR);

  private static final Pattern PARAMETER = Pattern.compile("\\{([^}/]+)}");

  private final HttpClient http =
      HttpClient.newBuilder()
          // HTTP/1.1: the JDK client's h2c upgrade has been seen to stall on a large answer
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final String baseUrl;
  private final Map<String, String> owned;
  private final Map<String, String> bodies;
  private final String other;
  private final List<String> secrets;
  private int checked;

  /**
   * @param owned path parameters naming resources of the owning tenant (e.g. {@code invoiceId} of
   *     one of its invoices); an operation whose parameters are all here is checked for 404 with
   *     another tenant's token
   * @param bodies a valid body per operation ({@code "POST /api/v1/…/{invoiceId}/promises"}), so
   *     that only the caller decides the answer; {@code {}} otherwise
   * @param other another tenant
   * @param secrets texts of the owning tenant that no answer to another tenant may contain
   */
  private AccessCheck(
      String baseUrl,
      Map<String, String> owned,
      Map<String, String> bodies,
      String other,
      List<String> secrets) {
    this.baseUrl = baseUrl.replaceAll("/$", "");
    this.owned = owned;
    this.bodies = bodies;
    this.other = other;
    this.secrets = secrets;
  }

  /**
   * Runs every check on every {@code /api} operation of the service at {@code baseUrl}; answers how
   * many requests it made.
   */
  public static int check(
      String baseUrl,
      Map<String, String> owned,
      Map<String, String> bodies,
      String other,
      List<String> secrets) {
    AccessCheck check = new AccessCheck(baseUrl, owned, bodies, other, secrets);
    check.run();
    return check.checked;
  }

  /** The roles an operation admits, from its security requirement; fails when it names none. */
  public static List<String> roles(JsonNode operation) {
    List<String> roles = new ArrayList<>();
    for (JsonNode requirement : operation.path("security")) {
      requirement.forEach(scopes -> scopes.forEach(r -> roles.add(r.asText())));
    }
    if (roles.isEmpty()) {
      throw new AssertionError(
          "the operation documents no roles (security requirement): " + operation);
    }
    return roles;
  }

  private void run() {
    JsonNode paths = Json.parse(get("/q/openapi?format=json")).path("paths");
    int operations = 0;
    for (Iterator<String> templates = paths.fieldNames(); templates.hasNext(); ) {
      String template = templates.next();
      if (!template.startsWith("/api/")) {
        continue;
      }
      for (Iterator<Map.Entry<String, JsonNode>> methods = paths.path(template).fields();
          methods.hasNext(); ) {
        var entry = methods.next();
        String method = entry.getKey().toUpperCase(java.util.Locale.ROOT);
        if (!List.of("GET", "POST", "PUT", "DELETE", "PATCH").contains(method)) {
          continue;
        }
        operation(method, template, roles(entry.getValue()));
        operations++;
      }
    }
    if (operations == 0) {
      throw new AssertionError("the OpenAPI document lists no /api operation");
    }
  }

  private void operation(String method, String template, List<String> roles) {
    String path = fill(template);
    String body = bodies.getOrDefault(method + " " + template, "{}");
    String what = method + " " + template;
    String admitted = roles.get(0);
    String tenantOf = admitted.equals(OPERATOR) ? null : owner();

    expect401(what, send(method, path, body, null));
    Map<String, Object> expired = Tokens.claims(admitted, tenantOf);
    expired.put("exp", System.currentTimeMillis() / 1000 - 600);
    expired.put("iat", System.currentTimeMillis() / 1000 - 4000);
    expect401(what + " (expired token)", send(method, path, body, Tokens.sign(expired)));
    Map<String, Object> audience = Tokens.claims(admitted, tenantOf);
    audience.put("aud", List.of("account"));
    expect401(what + " (other audience)", send(method, path, body, Tokens.sign(audience)));
    expect401(
        what + " (forged signature)",
        send(method, path, body, Tokens.forged(Tokens.claims(admitted, tenantOf))));

    for (String role : ALL_ROLES) {
      if (!roles.contains(role)) {
        var answer =
            send(method, path, body, Tokens.of(role, role.equals(OPERATOR) ? null : owner()));
        expectProblem(what + " as " + role, answer, 403);
      }
    }

    var retired =
        send(
            method, path, body, Tokens.of(admitted, tenantOf), Map.of("X-Relance-Tenant", owner()));
    expectProblem(what + " with X-Relance-Tenant", retired, 400);
    if (!retired.body().contains("X-Relance-Tenant")) {
      throw new AssertionError(
          what + ": the 400 does not name X-Relance-Tenant: " + retired.body());
    }

    String tenantRole = roles.stream().filter(TENANT_ROLES::contains).findFirst().orElse(null);
    if (tenantRole == null) {
      return;
    }
    List<String> parameters = parameters(template);
    if (!parameters.isEmpty() && owned.keySet().containsAll(parameters)) {
      var answer = send(method, path, body, Tokens.of(tenantRole, other));
      expectProblem(what + " as " + tenantRole + " of tenant " + other, answer, 404);
    } else if (parameters.isEmpty() && method.equals("GET")) {
      var answer = send(method, path, body, Tokens.of(tenantRole, other));
      if (answer.statusCode() != 200) {
        throw new AssertionError(
            what + " as " + tenantRole + " of " + other + " answered " + answer.statusCode());
      }
      for (String secret : secrets) {
        if (answer.body().contains(secret)) {
          throw new AssertionError(
              what + " as tenant " + other + " shows another tenant's " + secret);
        }
      }
    }
  }

  private String owner() {
    return owned.getOrDefault("tenant", "default");
  }

  private String fill(String template) {
    Matcher m = PARAMETER.matcher(template);
    StringBuilder path = new StringBuilder();
    while (m.find()) {
      String value = owned.getOrDefault(m.group(1), UUID.randomUUID().toString());
      m.appendReplacement(path, Matcher.quoteReplacement(value));
    }
    m.appendTail(path);
    return path.toString();
  }

  private static List<String> parameters(String template) {
    List<String> names = new ArrayList<>();
    Matcher m = PARAMETER.matcher(template);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  private static void expect401(String what, HttpResponse<String> answer) {
    expectProblem(what, answer, 401);
    String challenge = answer.headers().firstValue("WWW-Authenticate").orElse("");
    if (!challenge.startsWith("Bearer")) {
      throw new AssertionError(what + ": a 401 without a Bearer challenge: '" + challenge + "'");
    }
  }

  private static void expectProblem(String what, HttpResponse<String> answer, int status) {
    String type = answer.headers().firstValue("content-type").orElse("");
    if (answer.statusCode() != status || !type.startsWith("application/problem+json")) {
      throw new AssertionError(
          what
              + ": expected a "
              + status
              + " problem, got "
              + answer.statusCode()
              + " ("
              + type
              + ") "
              + answer.body());
    }
  }

  private HttpResponse<String> send(String method, String path, String body, String token) {
    return send(method, path, body, token, Map.of());
  }

  private HttpResponse<String> send(
      String method, String path, String body, String token, Map<String, String> headers) {
    checked++;
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                method.equals("GET")
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (!method.equals("GET")) {
      request.header("Content-Type", "application/json");
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    headers.forEach(request::header);
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new AssertionError("no answer from " + method + " " + path + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private String get(String path) {
    try {
      return http.send(
              HttpRequest.newBuilder(URI.create(baseUrl + path))
                  .timeout(Duration.ofSeconds(30))
                  .build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (java.io.IOException e) {
      throw new AssertionError("could not read " + path, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
