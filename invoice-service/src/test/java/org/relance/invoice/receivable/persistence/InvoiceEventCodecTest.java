package org.relance.invoice.invoice.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.relance.contracts.CloudEvent;
import org.relance.contracts.EventSchemas;
import org.relance.contracts.EventType;
import org.relance.contracts.money.Money;
import org.relance.invoice.invoice.domain.Debtor;
import org.relance.invoice.invoice.domain.DisputeCategory;
import org.relance.invoice.invoice.domain.DisputeOutcome;
import org.relance.invoice.invoice.domain.InvoiceEvent;
import org.relance.invoice.invoice.domain.InvoiceTerms;

/**
 * The dispute events read and written against the contract's golden examples: what the projection
 * rebuild replays is what the service appended.
 */
class InvoiceEventCodecTest {

  private static final Path GOLDEN =
      Path.of("../platform/contracts/src/test/resources/golden/events");
  private static final UUID INVOICE = UUID.fromString("0b9c2a52-8a4e-4c39-9d3e-6f1d2c1b7a01");
  private static final UUID DISPUTE = UUID.fromString("7d0f3c0e-00d1-4000-8000-0000000000d1");
  private static final String ACTOR = "credit-manager@creditor.example";

  private static final InvoiceTerms TERMS =
      new InvoiceTerms(
          "F-2026-0001",
          "FR",
          new Debtor("C-1", "Dupont SARL", null, null, null, "fr", null, List.of(), List.of()),
          LocalDate.parse("2026-01-05"),
          LocalDate.parse("2026-02-04"),
          Money.of("1200.00", "EUR"),
          null,
          null,
          null,
          null,
          null);

  private static CloudEvent golden(String type) throws IOException {
    return CloudEvent.parse(Files.readString(GOLDEN.resolve(type + ".json")));
  }

  private static CloudEvent withData(CloudEvent e, JsonNode data) {
    return new CloudEvent(
        e.specversion(),
        e.id(),
        e.type(),
        e.source(),
        e.subject(),
        e.time(),
        e.datacontenttype(),
        e.dataschema(),
        e.tenant(),
        e.businessdate(),
        e.sequence(),
        e.correlationid(),
        e.causationid(),
        e.prevhash(),
        e.hash(),
        data);
  }

  @Test
  void the_golden_invoice_disputed_reads_as_the_dispute_and_writes_back_byte_for_byte()
      throws IOException {
    CloudEvent golden = golden("InvoiceDisputed");

    InvoiceEvent event = InvoiceEventCodec.fromCloudEvent(golden);

    assertThat(event)
        .isEqualTo(
            new InvoiceEvent.InvoiceDisputed(
                DISPUTE,
                DisputeCategory.QUANTITY,
                "2 pallets of 10 were not delivered",
                Money.of("240.00", "EUR"),
                LocalDate.parse("2026-02-10"),
                ACTOR));
    assertThat(InvoiceEventCodec.type(event)).isEqualTo(EventType.INVOICE_DISPUTED);
    assertThat(InvoiceEventCodec.toData(INVOICE, TERMS, event)).isEqualTo(golden.data());
  }

  @Test
  void the_golden_invoice_dispute_resolved_reads_as_the_resolution_and_writes_back_byte_for_byte()
      throws IOException {
    CloudEvent golden = golden("InvoiceDisputeResolved");

    InvoiceEvent event = InvoiceEventCodec.fromCloudEvent(golden);

    assertThat(event)
        .isEqualTo(
            new InvoiceEvent.InvoiceDisputeResolved(
                DISPUTE,
                DisputeOutcome.UPHELD_FOR_CREDITOR,
                "signed delivery note received",
                LocalDate.parse("2026-02-17"),
                ACTOR));
    assertThat(InvoiceEventCodec.type(event)).isEqualTo(EventType.INVOICE_DISPUTE_RESOLVED);
    assertThat(InvoiceEventCodec.toData(INVOICE, TERMS, event)).isEqualTo(golden.data());
  }

  @Test
  void a_whole_invoice_dispute_and_a_resolution_without_a_note_keep_their_nulls_through_a_replay()
      throws IOException {
    InvoiceEvent whole =
        new InvoiceEvent.InvoiceDisputed(
            DISPUTE,
            DisputeCategory.NOT_ORDERED,
            "never ordered",
            null,
            LocalDate.parse("2026-02-10"),
            ACTOR);
    InvoiceEvent bare =
        new InvoiceEvent.InvoiceDisputeResolved(
            DISPUTE,
            DisputeOutcome.WITHDRAWN_BY_DEBTOR,
            null,
            LocalDate.parse("2026-02-11"),
            ACTOR);

    JsonNode wholeData = InvoiceEventCodec.toData(INVOICE, TERMS, whole);
    JsonNode bareData = InvoiceEventCodec.toData(INVOICE, TERMS, bare);

    assertThat(EventSchemas.faults(EventType.INVOICE_DISPUTED, wholeData)).isEmpty();
    assertThat(EventSchemas.faults(EventType.INVOICE_DISPUTE_RESOLVED, bareData)).isEmpty();
    assertThat(wholeData.get("amountDisputed").isNull()).isTrue();
    assertThat(wholeData.get("currency").asText()).isEqualTo("EUR");
    assertThat(InvoiceEventCodec.fromCloudEvent(withData(golden("InvoiceDisputed"), wholeData)))
        .isEqualTo(whole);
    assertThat(
            InvoiceEventCodec.fromCloudEvent(withData(golden("InvoiceDisputeResolved"), bareData)))
        .isEqualTo(bare);
  }
}
