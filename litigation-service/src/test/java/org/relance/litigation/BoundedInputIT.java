package org.relance.litigation;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.relance.platform.relay.Relay;
import org.relance.testkit.EndpointFuzzer;
import org.relance.testkit.EndpointFuzzer.Endpoint;
import org.relance.testkit.RelanceTestResource;

/**
 * Bounded input at the edge: whatever a caller sends to litigation-service, it answers a 4xx
 * problem that stores nothing, or accepts it; never a 5xx. Its own API only reads; the operator's
 * dead-letter commands take a body.
 */
@QuarkusTest
@QuarkusTestResource(
    value = RelanceTestResource.class,
    initArgs = @ResourceArg(name = "database", value = "litigation"))
class BoundedInputIT {

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrap;

  @ConfigProperty(name = "quarkus.datasource.jdbc.url")
  String jdbcUrl;

  @TestHTTPResource("/")
  URL base;

  @Inject Relay relay;

  @Test
  void generated_bodies_never_get_a_5xx_and_a_4xx_stores_nothing() {
    String tenant = "fuzz-" + UUID.randomUUID().toString().substring(0, 8);
    String deadLetter =
        EndpointFuzzer.deadLetter(base.toString(), bootstrap, "InvoiceIssued", tenant);

    List<Endpoint> endpoints =
        List.of(
            new Endpoint(
                "POST",
                "/api/v1/admin/dead-letters/" + deadLetter + "/discard",
                "{\"reason\":\"test\"}"));
    EndpointFuzzer.check(
        base.toString(), jdbcUrl, bootstrap, relay::publishPending, tenant, endpoints);
  }
}
