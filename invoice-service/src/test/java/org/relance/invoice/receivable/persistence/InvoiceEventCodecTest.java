package org.relance.invoice.receivable.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.relance.contracts.CanonicalJson;
import org.relance.contracts.CloudEvent;
import org.relance.contracts.EventSchemas;
import org.relance.contracts.EventType;
import org.relance.contracts.money.Money;
import org.relance.invoice.receivable.domain.Debtor;
import org.relance.invoice.receivable.domain.DisputeCategory;
import org.relance.invoice.receivable.domain.DisputeOutcome;
import org.relance.invoice.receivable.domain.InvoiceEvent;
import org.relance.invoice.receivable.domain.InvoiceStatus;
import org.relance.invoice.receivable.domain.InvoiceTerms;

/**
 * Every event type of the invoice read and written against the contract's golden examples: golden
 * event, domain event, contract record, and back to the same canonical bytes. What the projection
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

  private static String canonical(JsonNode data) {
    return CanonicalJson.canonicalString(data);
  }

  /** Reads the golden event of the type and writes it back, as the service appends it. */
  private static JsonNode roundTrip(CloudEvent golden) {
    InvoiceEvent event = InvoiceEventCodec.fromCloudEvent(golden);
    assertThat(InvoiceEventCodec.type(event)).isEqualTo(golden.eventType());
    return InvoiceEventCodec.toData(UUID.fromString(golden.subject()), TERMS, event);
  }

  @Test
  void the_golden_invoice_issued_reads_as_the_invoice_and_writes_back_byte_for_byte()
      throws IOException {
    CloudEvent golden = golden("InvoiceIssued");

    InvoiceEvent.InvoiceIssued issued =
        (InvoiceEvent.InvoiceIssued) InvoiceEventCodec.fromCloudEvent(golden);
    JsonNode written = roundTrip(golden);

    assertThat(issued.invoiceId()).isEqualTo(INVOICE);
    assertThat(issued.tenant()).isEqualTo("default");
    assertThat(issued.terms().amount()).isEqualTo(Money.of("1200.00", "EUR"));
    assertThat(issued.terms().amountExcludingTax()).isEqualTo(Money.of("1000.00", "EUR"));
    assertThat(issued.terms().debtor().contacts()).hasSize(1);
    assertThat(issued.terms().debtor().address()).isNull();
    assertThat(issued.terms().contractualPenaltyRatePercent()).isNull();
    // The golden example states the unset rate as an explicit null; the service has always left
    // it out, and keeps doing so (its content hashes and hash chains depend on it).
    ObjectNode expected = golden.data().deepCopy();
    expected.remove("contractualPenaltyRatePercent");
    assertThat(canonical(written)).isEqualTo(canonical(expected));
    // the codec writes the clear (opened) data, version 1's shape: the event store seals it
    assertThat(EventSchemas.faults(EventType.INVOICE_ISSUED, 1, written)).isEmpty();
  }

  @Test
  void a_contractual_penalty_rate_is_written_with_its_scale_and_read_back() throws IOException {
    CloudEvent golden = golden("InvoiceIssued");
    ObjectNode data = golden.data().deepCopy();
    data.put("contractualPenaltyRatePercent", "8.00");

    InvoiceEvent event = InvoiceEventCodec.fromCloudEvent(golden.withData(data));

    assertThat(((InvoiceEvent.InvoiceIssued) event).terms().contractualPenaltyRatePercent())
        .isEqualTo(new BigDecimal("8.00"));
    assertThat(canonical(InvoiceEventCodec.toData(INVOICE, TERMS, event)))
        .isEqualTo(canonical(data));
  }

  @Test
  void the_content_of_an_invoice_is_its_issued_data_without_the_id() throws IOException {
    InvoiceEvent.InvoiceIssued issued =
        (InvoiceEvent.InvoiceIssued) InvoiceEventCodec.fromCloudEvent(golden("InvoiceIssued"));
    ObjectNode data = InvoiceEventCodec.toData(INVOICE, TERMS, issued);
    data.remove("invoiceId");

    assertThat(canonical(InvoiceEventCodec.content(issued.tenant(), issued.terms())))
        .isEqualTo(canonical(data));
  }

  @Test
  void the_golden_payment_received_reads_as_the_payment_and_writes_back_byte_for_byte()
      throws IOException {
    CloudEvent golden = golden("PaymentReceived");

    assertThat(InvoiceEventCodec.fromCloudEvent(golden))
        .isEqualTo(
            new InvoiceEvent.PaymentReceived(
                UUID.fromString("7d0f3c0e-00a3-4000-8000-0000000000a3"),
                "VIR-123",
                Money.of("1200.00", "EUR"),
                LocalDate.parse("2026-02-20"),
                Money.of("0.00", "EUR"),
                InvoiceStatus.PAID));
    assertThat(canonical(roundTrip(golden))).isEqualTo(canonical(golden.data()));
  }

  @Test
  void the_golden_early_payment_discount_reads_as_the_discount_and_writes_back_byte_for_byte()
      throws IOException {
    CloudEvent golden = golden("EarlyPaymentDiscountGranted");

    assertThat(InvoiceEventCodec.fromCloudEvent(golden))
        .isEqualTo(
            new InvoiceEvent.EarlyPaymentDiscountGranted(
                new BigDecimal("2"),
                10,
                Money.of("24.00", "EUR"),
                LocalDate.parse("2026-01-12"),
                "VIR-456",
                Money.of("1176.00", "EUR")));
    assertThat(canonical(roundTrip(golden))).isEqualTo(canonical(golden.data()));
  }

  @Test
  void the_golden_due_date_passed_reads_as_the_passing_and_writes_back_byte_for_byte()
      throws IOException {
    CloudEvent golden = golden("DueDatePassed");

    assertThat(InvoiceEventCodec.fromCloudEvent(golden))
        .isEqualTo(
            new InvoiceEvent.DueDatePassed(
                LocalDate.parse("2026-02-04"),
                LocalDate.parse("2026-02-05"),
                Money.of("1200.00", "EUR")));
    assertThat(canonical(roundTrip(golden))).isEqualTo(canonical(golden.data()));
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
    assertThat(canonical(roundTrip(golden))).isEqualTo(canonical(golden.data()));
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
    assertThat(canonical(roundTrip(golden))).isEqualTo(canonical(golden.data()));
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

    assertThat(EventSchemas.faults(EventType.INVOICE_DISPUTED, 1, wholeData)).isEmpty();
    assertThat(EventSchemas.faults(EventType.INVOICE_DISPUTE_RESOLVED, 1, bareData)).isEmpty();
    assertThat(wholeData.get("amountDisputed").isNull()).isTrue();
    assertThat(wholeData.get("currency").asText()).isEqualTo("EUR");
    assertThat(InvoiceEventCodec.fromCloudEvent(golden("InvoiceDisputed").withData(wholeData)))
        .isEqualTo(whole);
    assertThat(
            InvoiceEventCodec.fromCloudEvent(golden("InvoiceDisputeResolved").withData(bareData)))
        .isEqualTo(bare);
  }

  /** The data of a golden event as a reader sees it once its subject's key is erased. */
  private static CloudEvent erasedView(CloudEvent golden, String... personal) {
    ObjectNode data = golden.data().deepCopy();
    for (String pointer : personal) {
      var at = com.fasterxml.jackson.core.JsonPointer.compile(pointer);
      ((ObjectNode) data.at(at.head())).remove(at.last().getMatchingProperty());
    }
    ObjectNode block = data.putObject("personal");
    block.put("subject", "C-1");
    block.put("generation", 1);
    block.put("disclosure", "erased");
    return golden.withData(data);
  }

  @Test
  void an_invoice_whose_debtor_was_erased_reads_with_its_contact_marked_erased_not_unknown()
      throws IOException {
    CloudEvent golden = golden("InvoiceIssued");

    InvoiceEvent.InvoiceIssued clear =
        (InvoiceEvent.InvoiceIssued) InvoiceEventCodec.fromCloudEvent(golden);
    InvoiceEvent.InvoiceIssued erased =
        (InvoiceEvent.InvoiceIssued)
            InvoiceEventCodec.fromCloudEvent(
                erasedView(
                    golden,
                    "/debtor/email",
                    "/debtor/phone",
                    "/debtor/address",
                    "/debtor/contacts"));

    assertThat(clear.terms().debtor().contactErased()).isFalse();
    assertThat(erased.terms().debtor().contactErased()).isTrue();
    assertThat(erased.terms().debtor().email()).isNull();
    assertThat(erased.terms().debtor().contacts()).isEmpty();
    // what is not personal stays
    assertThat(erased.terms().debtor().id()).isEqualTo(clear.terms().debtor().id());
    assertThat(erased.terms().debtor().name()).isEqualTo(clear.terms().debtor().name());
    assertThat(erased.terms().amount()).isEqualTo(clear.terms().amount());
  }

  @Test
  void a_dispute_reason_and_a_resolution_note_that_were_erased_read_as_erased() throws IOException {
    InvoiceEvent.InvoiceDisputed disputed =
        (InvoiceEvent.InvoiceDisputed)
            InvoiceEventCodec.fromCloudEvent(erasedView(golden("InvoiceDisputed"), "/reason"));
    InvoiceEvent.InvoiceDisputeResolved resolved =
        (InvoiceEvent.InvoiceDisputeResolved)
            InvoiceEventCodec.fromCloudEvent(erasedView(golden("InvoiceDisputeResolved"), "/note"));

    assertThat(disputed.reason()).isNull();
    assertThat(disputed.reasonErased()).isTrue();
    assertThat(resolved.note()).isNull();
    assertThat(resolved.noteErased()).isTrue();
    assertThat(
            ((InvoiceEvent.InvoiceDisputed)
                    InvoiceEventCodec.fromCloudEvent(golden("InvoiceDisputed")))
                .reasonErased())
        .isFalse();
  }
}
