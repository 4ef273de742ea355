package org.relance.testkit;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

/**
 * The identity provider of the component tests: an RS256 key of the test JVM, published as a JWKS
 * with an OpenID discovery document on a loopback port, so that the services verify test tokens
 * exactly as they verify the provider's in production (issuer from discovery, keys from the JWKS,
 * audience, roles from {@code realm_access.roles}, the {@code tenant} claim). Keycloak itself
 * serves the end-to-end tests and the local stack.
 */
public final class Tokens {

  public static final String AUDIENCE = "relance-api";

  private static RsaJsonWebKey key;
  private static RsaJsonWebKey stranger;
  private static String issuer;

  private Tokens() {}

  /** The issuer URL ({@code quarkus.oidc.auth-server-url}); starts the provider on first use. */
  public static synchronized String issuer() {
    if (issuer == null) {
      try {
        key = RsaJwkGenerator.generateJwk(2048);
        key.setKeyId("relance-test-" + UUID.randomUUID());
        key.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
        key.setUse("sig");
        stranger = RsaJwkGenerator.generateJwk(2048);
        stranger.setKeyId(key.getKeyId()); // same kid, other key: a forged signature
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/relance";
        String jwks = new JsonWebKeySet(key).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        String discovery =
            """
            {"issuer":"%1$s","jwks_uri":"%1$s/protocol/openid-connect/certs",
             "token_endpoint":"%1$s/protocol/openid-connect/token",
             "authorization_endpoint":"%1$s/protocol/openid-connect/auth",
             "id_token_signing_alg_values_supported":["RS256"]}"""
                .formatted(base);
        server.createContext(
            "/realms/relance/.well-known/openid-configuration", x -> answer(x, discovery));
        server.createContext("/realms/relance/protocol/openid-connect/certs", x -> answer(x, jwks));
        server.setExecutor(null);
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0)));
        issuer = base;
      } catch (IOException e) {
        throw new UncheckedIOException("could not start the test identity provider", e);
      } catch (JoseException e) {
        throw new IllegalStateException(e);
      }
    }
    return issuer;
  }

  /**
   * A person's token with one role, for a tenant ({@code null}: no tenant claim, as an operator's).
   */
  public static String of(String role, String tenant) {
    register(tenant);
    return sign(claims(role, tenant));
  }

  /**
   * A token for a tenant no operator registered: refused with a 403 by every service (the other
   * methods register the tenant in the test databases first, see {@link Infra#registerTenant}).
   */
  public static String unregistered(String role, String tenant) {
    return sign(claims(role, tenant));
  }

  private static void register(String tenant) {
    if (tenant != null) {
      Infra.registerTenant(tenant);
    }
  }

  /** A system's token (client credentials): its actor is the client id. */
  public static String client(String clientId, String role, String tenant) {
    register(tenant);
    Map<String, Object> claims = claims(role, tenant);
    claims.put("client_id", clientId);
    claims.put("azp", clientId);
    claims.put("sub", UUID.nameUUIDFromBytes(("client|" + clientId).getBytes()).toString());
    return sign(claims);
  }

  /** The subject of {@link #of}'s token for a role and tenant: the actor events record. */
  public static String subject(String role, String tenant) {
    return UUID.nameUUIDFromBytes((role + "|" + tenant).getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  /** The claims of {@link #of}'s token, to change one before {@link #sign}. */
  public static Map<String, Object> claims(String role, String tenant) {
    long now = System.currentTimeMillis() / 1000;
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("iss", issuer());
    claims.put("sub", subject(role, tenant));
    claims.put("aud", List.of(AUDIENCE, "account"));
    claims.put("typ", "Bearer");
    claims.put("iat", now);
    claims.put("exp", now + 3600);
    claims.put("realm_access", Map.of("roles", List.of(role)));
    if (tenant != null) {
      claims.put("tenant", tenant);
    }
    return claims;
  }

  /** A token with exactly these claims, signed by the provider's key. */
  public static String sign(Map<String, Object> claims) {
    issuer();
    return sign(claims, key);
  }

  /** A token with these claims signed by another key under the provider's key id. */
  public static String forged(Map<String, Object> claims) {
    issuer();
    return sign(claims, stranger);
  }

  private static String sign(Map<String, Object> claims, RsaJsonWebKey with) {
    JwtClaims jwt = new JwtClaims();
    claims.forEach(jwt::setClaim);
    JsonWebSignature jws = new JsonWebSignature();
    jws.setPayload(jwt.toJson());
    jws.setKey(with.getPrivateKey());
    jws.setKeyIdHeaderValue(key.getKeyId());
    jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
    jws.setHeader("typ", "JWT");
    try {
      return jws.getCompactSerialization();
    } catch (JoseException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void answer(com.sun.net.httpserver.HttpExchange exchange, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, bytes.length);
    try (var out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
