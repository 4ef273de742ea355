package org.relance.invoice;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.relance.testkit.RelanceTestResource;
import org.relance.testkit.Tokens;

/**
 * Fair use: a client over its share gets a 429 problem with Retry-After, and another client of the
 * same tenant is still served. The share here is 5 requests per minute, so the test does not depend
 * on how fast the machine is.
 */
@QuarkusTest
@TestProfile(RateLimitIT.SmallShare.class)
@QuarkusTestResource(
    value = RelanceTestResource.class,
    initArgs = @ResourceArg(name = "database", value = "invoice"))
class RateLimitIT {

  public static class SmallShare implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("relance.rate-limit.requests", "5", "relance.rate-limit.period", "PT60S");
    }
  }

  @Test
  void a_client_over_its_share_waits_and_the_others_are_served() {
    String tenant = "fair-" + UUID.randomUUID().toString().substring(0, 8);
    String greedy = Tokens.client("erp-greedy", "erp", tenant);
    List<Integer> statuses = new ArrayList<>();
    Response refused = null;
    for (int i = 0; i < 8; i++) {
      Response r = given().auth().oauth2(greedy).get("/api/v1/clock");
      statuses.add(r.statusCode());
      if (r.statusCode() == 429 && refused == null) {
        refused = r;
      }
    }
    assertThat(statuses.subList(0, 5)).containsOnly(200);
    assertThat(statuses.subList(5, 8)).containsOnly(429);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    assertThat(refused.header("Retry-After")).isEqualTo("60");
    assertThat(refused.jsonPath().getString("type")).isEqualTo("urn:relance:problem:rate-limited");

    given()
        .auth()
        .oauth2(Tokens.client("erp-patient", "erp", tenant))
        .get("/api/v1/clock")
        .then()
        .statusCode(200);
    // no token: not counted, and still a 401
    given().get("/api/v1/clock").then().statusCode(401);
  }
}
