package org.relance.invoice;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.relance.contracts.CloudEvent;
import org.relance.contracts.EventSchemas;
import org.relance.testkit.RelanceTestResource;
import org.relance.testkit.Tokens;
import org.relance.testkit.TopicReader;

/**
 * Tenants are registered by an operator with the creditor's identity (TenantRegistered, then
 * TenantUpdated on its topic); a token for a tenant nobody registered is refused everywhere.
 */
@QuarkusTest
@QuarkusTestResource(
    value = RelanceTestResource.class,
    initArgs = @ResourceArg(name = "database", value = "invoice"))
class TenantIT {

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrap;

  private static String profile(String tenant, String signatory) {
    return """
        {"tenant":"%s","legalName":"Acme Industrie SAS","legalId":"552100554",
         "vatNumber":"FR40552100554",
         "address":{"lines":["3 quai Saint-Antoine"],"postalCode":"69002","city":"Lyon","country":"FR"},
         "country":"FR","timeZone":"Europe/Paris","language":"fr",
         "signatory":{"name":"%s","title":"Directrice financière"},
         "contactEmail":"recouvrement@acme.example"}"""
        .formatted(tenant, signatory);
  }

  private static RequestSpecification asOperator() {
    return given().auth().oauth2(Tokens.of("operator", null)).contentType(ContentType.JSON);
  }

  @Test
  void an_operator_registers_a_tenant_whose_tokens_are_refused_until_then() {
    String tenant = "acme-" + UUID.randomUUID().toString().substring(0, 8);
    // a valid token, but nobody registered its tenant
    given()
        .auth()
        .oauth2(Tokens.unregistered("erp", tenant))
        .get("/api/v1/clock")
        .then()
        .statusCode(403)
        .contentType("application/problem+json")
        .body("detail", containsString("is not registered"));

    asOperator()
        .body(profile(tenant, "Claire Dubois"))
        .post("/api/v1/tenants")
        .then()
        .statusCode(201)
        .header("Location", containsString("/api/v1/tenants/" + tenant))
        .body("legalName", equalTo("Acme Industrie SAS"));
    CloudEvent registered =
        new TopicReader(bootstrap)
            .await("TenantRegistered", e -> e.subject().equals(tenant), 1, Duration.ofSeconds(20))
            .get(0);
    EventSchemas.check(registered);
    assertThat(registered.data().get("registeredBy").asText())
        .isEqualTo(Tokens.subject("operator", null));

    given()
        .auth()
        .oauth2(Tokens.unregistered("erp", tenant))
        .get("/api/v1/clock")
        .then()
        .statusCode(200);
    asOperator()
        .body(profile(tenant, "Claire Dubois"))
        .post("/api/v1/tenants")
        .then()
        .statusCode(409);

    // the same profile again records nothing; a new signatory is a TenantUpdated
    asOperator()
        .body(profile(tenant, "Claire Dubois"))
        .put("/api/v1/tenants/" + tenant)
        .then()
        .statusCode(200);
    asOperator()
        .body(profile(tenant, "Marc Lefèvre"))
        .put("/api/v1/tenants/" + tenant)
        .then()
        .statusCode(200)
        .body("signatory.name", equalTo("Marc Lefèvre"));
    CloudEvent updated =
        new TopicReader(bootstrap)
            .await("TenantUpdated", e -> e.subject().equals(tenant), 1, Duration.ofSeconds(20))
            .get(0);
    assertThat(updated.data().get("signatory").get("name").asText()).isEqualTo("Marc Lefèvre");

    // its own roles read it; another tenant's do not see it
    given()
        .auth()
        .oauth2(Tokens.unregistered("viewer", tenant))
        .get("/api/v1/tenants/" + tenant)
        .then()
        .statusCode(200)
        .body("signatory.name", equalTo("Marc Lefèvre"));
    given()
        .auth()
        .oauth2(Tokens.of("viewer", "other-" + UUID.randomUUID().toString().substring(0, 8)))
        .get("/api/v1/tenants/" + tenant)
        .then()
        .statusCode(404);
  }

  @Test
  void a_bad_profile_is_a_400_naming_every_field() {
    asOperator()
        .body(
            """
            {"tenant":"Bad Tenant","legalName":"","legalId":"552100555","vatNumber":"nope",
             "address":{"lines":[],"postalCode":"69002","city":"Lyon","country":"XX"},
             "country":"FR","timeZone":"Mars/Olympus","language":"french",
             "signatory":{"name":"Claire Dubois"},"contactEmail":"not-an-email"}""")
        .post("/api/v1/tenants")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body(
            "errors.field",
            containsInAnyOrder(
                "tenant",
                "legalName",
                "legalId",
                "vatNumber",
                "address.lines",
                "address.country",
                "timeZone",
                "language",
                "signatory.title",
                "contactEmail"));
  }
}
