package org.relance.invoice.tenant.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.relance.contracts.CanonicalJson;
import org.relance.contracts.CloudEvent;
import org.relance.contracts.EventCodec;
import org.relance.contracts.EventSchemas;
import org.relance.contracts.EventType;
import org.relance.invoice.tenant.domain.TenantEvent;
import org.relance.invoice.tenant.domain.TenantProfile;

/** The tenant events read and written against the contract's golden examples. */
class TenantCodecTest {

  private static final Path GOLDEN =
      Path.of("../platform/contracts/src/test/resources/golden/events");

  private static CloudEvent golden(String type) throws IOException {
    return CloudEvent.parse(Files.readString(GOLDEN.resolve(type + ".json")));
  }

  private static String canonical(JsonNode data) {
    return CanonicalJson.canonicalString(data);
  }

  private static JsonNode roundTrip(CloudEvent golden) {
    TenantEvent event = TenantCodec.fromCloudEvent(golden);
    var record = TenantCodec.toRecord(event);
    assertThat(EventCodec.typeOf(record)).isEqualTo(golden.eventType());
    return EventCodec.write(record);
  }

  @Test
  void the_golden_tenant_registered_reads_as_the_profile_and_writes_back_byte_for_byte()
      throws IOException {
    CloudEvent golden = golden("TenantRegistered");

    TenantEvent event = TenantCodec.fromCloudEvent(golden);

    assertThat(event)
        .isEqualTo(
            new TenantEvent.Registered(
                new TenantProfile(
                    "default",
                    "Relance Démo SAS",
                    "552100554",
                    "FR40552100554",
                    new TenantProfile.Address(List.of("8 rue de la Paix"), "75002", "Paris", "FR"),
                    "FR",
                    "Europe/Paris",
                    "fr",
                    new TenantProfile.Signatory("Claire Dubois", "Directrice financière"),
                    "recouvrement@relance-demo.example"),
                "2f8e9f82-5c3a-451d-8f00-a44ff55a8516"));
    assertThat(canonical(roundTrip(golden))).isEqualTo(canonical(golden.data()));
  }

  @Test
  void the_golden_tenant_updated_reads_as_the_new_profile_and_writes_back_byte_for_byte()
      throws IOException {
    CloudEvent golden = golden("TenantUpdated");

    TenantEvent event = TenantCodec.fromCloudEvent(golden);

    assertThat(event).isInstanceOf(TenantEvent.Updated.class);
    assertThat(event.profile().signatory().name()).isEqualTo("Marc Lefèvre");
    assertThat(canonical(roundTrip(golden))).isEqualTo(canonical(golden.data()));
  }

  @Test
  void a_creditor_without_a_vat_number_says_so_with_an_explicit_null() throws IOException {
    TenantProfile golden = TenantCodec.fromCloudEvent(golden("TenantRegistered")).profile();
    TenantProfile noVat =
        new TenantProfile(
            golden.tenant(),
            golden.legalName(),
            golden.legalId(),
            null,
            golden.address(),
            golden.country(),
            golden.timeZone(),
            golden.language(),
            golden.signatory(),
            golden.contactEmail());

    JsonNode written = EventCodec.write(TenantCodec.toRecord(new TenantEvent.Updated(noVat, "op")));

    assertThat(written.get("vatNumber").isNull()).isTrue();
    assertThat(EventSchemas.faults(EventType.TENANT_UPDATED, written)).isEmpty();
  }

  @Test
  void the_directory_keeps_the_profile_of_the_last_event_without_its_operator() throws IOException {
    ObjectNode stored = golden("TenantUpdated").data().deepCopy();
    stored.remove("updatedBy");

    assertThat(TenantCodec.fromDirectory(stored))
        .isEqualTo(TenantCodec.fromCloudEvent(golden("TenantUpdated")).profile());
  }
}
