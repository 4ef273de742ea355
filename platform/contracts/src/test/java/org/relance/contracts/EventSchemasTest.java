package org.relance.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EventSchemasTest {

  @ParameterizedTest
  @EnumSource(EventType.class)
  void every_golden_event_is_valid_against_its_schema(EventType type) {
    CloudEvent event = Golden.event(type);

    assertThat(event.eventType()).isEqualTo(type);
    assertThat(type.producedBy(event.source())).as(event.source() + " produces " + type).isTrue();
    // the golden events are the clear (version 1) shape, which readers still accept as is
    assertThat(EventSchemas.version(event)).hasValue(EventType.FIRST_VERSION);
    assertThat(EventSchemas.faults(type, EventType.FIRST_VERSION, event.data())).isEmpty();
  }

  @Test
  void an_amount_written_as_a_json_number_is_refused() {
    CloudEvent issued = Golden.event(EventType.INVOICE_ISSUED);
    ObjectNode data = issued.data().deepCopy();
    data.put("amount", 1200.00);

    assertThat(EventSchemas.faults(EventType.INVOICE_ISSUED, 1, data))
        .anySatisfy(fault -> assertThat(fault).contains("amount"));
  }

  @Test
  void a_missing_required_field_is_named() {
    CloudEvent paid = Golden.event(EventType.PAYMENT_RECEIVED);
    ObjectNode data = paid.data().deepCopy();
    data.remove("paidOn");

    assertThat(EventSchemas.faults(EventType.PAYMENT_RECEIVED, data))
        .anySatisfy(fault -> assertThat(fault).contains("paidOn"));
  }

  @Test
  void an_envelope_without_its_extension_attributes_is_refused_with_each_one_named() {
    assertThatThrownBy(() -> CloudEvent.parse("{\"specversion\":\"1.0\",\"id\":\"x\",\"data\":{}}"))
        .isInstanceOf(InvalidEventException.class)
        .hasMessageContaining("tenant")
        .hasMessageContaining("businessdate")
        .hasMessageContaining("prevhash");
  }

  @Test
  void an_unknown_type_or_schema_version_is_refused() {
    CloudEvent issued = Golden.event(EventType.INVOICE_ISSUED);
    ObjectNode json = issued.toJson();
    json.put("dataschema", "urn:relance:schema:InvoiceIssued:v9");

    assertThatThrownBy(() -> EventSchemas.check(CloudEvent.parse(json.toString())))
        .isInstanceOf(InvalidEventException.class)
        .hasMessageContaining("v9");

    json.put("type", "InvoiceExploded");
    assertThatThrownBy(() -> EventSchemas.check(CloudEvent.parse(json.toString())))
        .hasMessageContaining("unknown event type");
  }

  @Test
  void not_json_is_refused_with_a_reason() {
    assertThatThrownBy(() -> CloudEvent.parse("{not json"))
        .isInstanceOf(InvalidEventException.class)
        .hasMessageStartingWith("not valid JSON");
  }
}
