package org.relance.penalty.assessment.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.relance.contracts.HashChain;
import org.relance.contracts.Json;
import org.relance.contracts.events.PenaltyAssessed;
import org.relance.contracts.money.Money;
import org.relance.penalty.assessment.domain.Allocation;
import org.relance.penalty.assessment.domain.Claim;
import org.relance.penalty.assessment.domain.Jurisdiction;
import org.relance.penalty.assessment.domain.PenaltyCase;
import org.relance.penalty.assessment.domain.PenaltyEvent;
import org.relance.penalty.assessment.domain.Quotes;
import org.relance.penalty.assessment.domain.Statement;
import org.relance.penalty.assessment.domain.Trigger;
import org.relance.penalty.assessment.domain.WaiverScope;
import org.relance.penalty.rates.domain.RateBook;

/**
 * penalty-service's events read and written against the contract's golden examples, and statements
 * made now written byte for byte as the hand-built codec before the contract records wrote them
 * (the expected JSON below is what it wrote for the same invoice, canonicalised).
 */
class PenaltyCodecTest {

  private static final Path GOLDEN =
      Path.of("../platform/contracts/src/test/resources/golden/events");
  private static final UUID INVOICE = UUID.fromString("0b9c2a52-8a4e-4c39-9d3e-6f1d2c1b7a01");

  private static final PenaltyCase.Invoice TERMS =
      new PenaltyCase.Invoice(
          INVOICE,
          "F-2026-0001",
          "FR",
          "EUR",
          new BigDecimal("1200.00"),
          LocalDate.parse("2026-02-04"),
          null);

  private static final String RULE =
      "default rate: ECB main refinancing rate in force on 2026-01-01 (2.15 %, since 2025-06-11)"
          + " + 10 points; simple interest, actual days / 365";
  private static final String PERIODS =
      "\"periods\":[{\"base\":\"1200.00\",\"days\":11,\"from\":\"2026-02-05\",\"interest\":\"4.39\","
          + "\"ratePercent\":\"12.15\",\"reference\":\"Code de commerce L441-10 II\",\"rule\":\""
          + RULE
          + "\",\"to\":\"2026-02-15\"},{\"base\":\"176.00\",\"days\":5,\"from\":\"2026-02-16\","
          + "\"interest\":\"0.29\",\"ratePercent\":\"12.15\",\"reference\":\"Code de commerce L441-10 II\","
          + "\"rule\":\""
          + RULE
          + "\",\"to\":\"2026-02-20\"}]";
  private static final String INDEMNITY_RULE =
      "\"indemnityRule\":{\"reference\":\"Code de commerce L441-10 II, D441-5\","
          + "\"text\":\"fixed indemnity for recovery costs: 40 EUR per invoice paid late\"}";

  private static CloudEvent golden(String type) throws IOException {
    return CloudEvent.parse(Files.readString(GOLDEN.resolve(type + ".json")));
  }

  private static String canonical(JsonNode json) {
    return new String(CanonicalJson.canonicalize(json));
  }

  @Test
  void the_golden_penalty_assessed_reads_as_its_statement_and_writes_back_byte_for_byte()
      throws IOException {
    CloudEvent golden = golden("PenaltyAssessed");

    PenaltyEvent.Recorded recorded = PenaltyCodec.recorded(golden);

    assertThat(recorded.eventId()).isEqualTo(golden.id());
    assertThat(recorded.tenant()).isEqualTo("default");
    Statement s = ((PenaltyEvent.Assessed) recorded.event()).statement();
    assertThat(s.invoiceId()).isEqualTo(INVOICE);
    assertThat(s.trigger()).isEqualTo(Trigger.DUE_DATE_PASSED);
    assertThat(s.jurisdiction()).isEqualTo(Jurisdiction.FR);
    assertThat(s.interest()).isEqualByComparingTo("0.40");
    assertThat(s.total()).isEqualByComparingTo("40.40");
    assertThat(s.periods()).hasSize(1);
    // the first statements had no breakdown: nothing is made up for them
    assertThat(s.allocation()).isNull();
    assertThat(s.payments()).isNull();
    assertThat(s.penaltiesOutstanding()).isNull();
    assertThat(s.indemnityRule()).isNull();
    JsonNode written = PenaltyCodec.toData(s);
    assertThat(canonical(written)).isEqualTo(canonical(golden.data()));
    assertThat(HashChain.hashOf(golden.withData(written))).isEqualTo(golden.hash());
  }

  @Test
  void the_golden_penalty_waived_reads_as_the_waiver_and_writes_back_byte_for_byte()
      throws IOException {
    CloudEvent golden = golden("PenaltyWaived");

    PenaltyEvent.Recorded recorded = PenaltyCodec.recorded(golden);

    assertThat(recorded.event())
        .isEqualTo(
            new PenaltyEvent.Waived(
                INVOICE.toString(),
                WaiverScope.ALL,
                new BigDecimal("0.40"),
                new BigDecimal("40.00"),
                "EUR",
                LocalDate.parse("2026-02-05"),
                "commercial gesture after a delivery dispute",
                "credit-manager@creditor.example"));
    JsonNode written = PenaltyCodec.toData((PenaltyEvent.Waived) recorded.event());
    assertThat(canonical(written)).isEqualTo(canonical(golden.data()));
    assertThat(HashChain.hashOf(golden.withData(written))).isEqualTo(golden.hash());
  }

  @Test
  void a_statement_after_a_late_payment_and_a_discount_writes_what_the_service_always_wrote() {
    PenaltyCase c =
        new PenaltyCase(
            "default",
            TERMS,
            List.of(
                new PenaltyCase.Credit(
                    PenaltyCase.Credit.Kind.PAYMENT,
                    UUID.fromString("7d0f3c0e-00d1-4000-8000-0000000000a1"),
                    LocalDate.parse("2026-02-15"),
                    new BigDecimal("1000.00"),
                    null),
                new PenaltyCase.Credit(
                    PenaltyCase.Credit.Kind.EARLY_PAYMENT_DISCOUNT,
                    null,
                    LocalDate.parse("2026-02-15"),
                    new BigDecimal("24.00"),
                    new BigDecimal("2.00"))),
            List.of(
                new PenaltyCase.PendingAssessment(
                    Trigger.PAYMENT,
                    LocalDate.parse("2026-02-20"),
                    LocalDate.parse("2026-02-20"),
                    "cause-1",
                    null,
                    null)));

    Statement made =
        c.assess(
                new PenaltyCase.History(new BigDecimal("5.00"), true),
                RateBook.seed(),
                Allocation.PRINCIPAL_FIRST)
            .made()
            .get(0)
            .statement();
    JsonNode data = PenaltyCodec.toData(made);

    assertThat(canonical(data))
        .isEqualTo(
            "{\"allocation\":\"PRINCIPAL_FIRST\",\"amountDue\":\"215.68\",\"asOf\":\"2026-02-20\","
                + "\"currency\":\"EUR\",\"dueDate\":\"2026-02-04\",\"earlyPaymentDiscount\":"
                + "{\"amount\":\"24.00\",\"grantedOn\":\"2026-02-15\",\"ratePercent\":\"2.00\"},"
                + "\"indemnity\":\"40.00\","
                + INDEMNITY_RULE
                + ",\"interest\":\"4.68\",\"invoiceId\":\"0b9c2a52-8a4e-4c39-9d3e-6f1d2c1b7a01\","
                + "\"invoiceNumber\":\"F-2026-0001\",\"jurisdiction\":\"FR\","
                + "\"payments\":[{\"amount\":\"1000.00\",\"paidOn\":\"2026-02-15\"}],"
                + "\"penaltiesOutstanding\":\"39.68\",\"penaltiesPaid\":\"0.00\","
                + "\"penaltiesWaived\":\"5.00\","
                + PERIODS
                + ",\"principal\":\"1200.00\",\"principalOutstanding\":\"176.00\","
                + "\"total\":\"44.68\",\"trigger\":\"PAYMENT\"}");
    assertThat(EventSchemas.faults(EventType.PENALTY_ASSESSED, data)).isEmpty();
    assertThat(PenaltyCodec.statement(Json.convert(data, PenaltyAssessed.class))).isEqualTo(made);
  }

  @Test
  void a_statement_without_indemnity_or_discount_names_both_as_null_and_reads_back_the_same() {
    PenaltyCase c =
        new PenaltyCase(
            "default",
            TERMS,
            List.of(
                new PenaltyCase.Credit(
                    PenaltyCase.Credit.Kind.PAYMENT,
                    UUID.fromString("7d0f3c0e-00d1-4000-8000-0000000000a2"),
                    LocalDate.parse("2026-02-01"),
                    new BigDecimal("1200.00"),
                    null)),
            List.of(
                new PenaltyCase.PendingAssessment(
                    Trigger.FORMAL_NOTICE,
                    LocalDate.parse("2026-02-01"),
                    LocalDate.parse("2026-02-01"),
                    "cause-2",
                    "5e1f0c2a-0000-4000-8000-000000000001",
                    null)));

    Statement made =
        c.assess(
                new PenaltyCase.History(BigDecimal.ZERO, true),
                RateBook.seed(),
                Allocation.PRINCIPAL_FIRST)
            .made()
            .get(0)
            .statement();
    JsonNode data = PenaltyCodec.toData(made);

    assertThat(canonical(data))
        .isEqualTo(
            "{\"allocation\":\"PRINCIPAL_FIRST\",\"amountDue\":\"0.00\",\"asOf\":\"2026-02-01\","
                + "\"currency\":\"EUR\",\"dueDate\":\"2026-02-04\",\"earlyPaymentDiscount\":null,"
                + "\"indemnity\":\"0.00\",\"indemnityRule\":null,\"interest\":\"0.00\","
                + "\"invoiceId\":\"0b9c2a52-8a4e-4c39-9d3e-6f1d2c1b7a01\","
                + "\"invoiceNumber\":\"F-2026-0001\",\"jurisdiction\":\"FR\","
                + "\"payments\":[{\"amount\":\"1200.00\",\"paidOn\":\"2026-02-01\"}],"
                + "\"penaltiesOutstanding\":\"0.00\",\"penaltiesPaid\":\"0.00\","
                + "\"penaltiesWaived\":\"0.00\",\"periods\":[],\"principal\":\"1200.00\","
                + "\"principalOutstanding\":\"0.00\","
                + "\"requestId\":\"5e1f0c2a-0000-4000-8000-000000000001\",\"total\":\"0.00\","
                + "\"trigger\":\"FORMAL_NOTICE\"}");
    assertThat(EventSchemas.faults(EventType.PENALTY_ASSESSED, data)).isEmpty();
    assertThat(PenaltyCodec.statement(Json.convert(data, PenaltyAssessed.class))).isEqualTo(made);
  }

  @Test
  void a_quote_answers_the_statement_without_invoice_trigger_or_waivers() {
    Claim claim =
        new Claim(
            Jurisdiction.FR,
            Money.of("1200.00", "EUR"),
            LocalDate.parse("2026-02-04"),
            null,
            List.of(
                new Claim.Payment(LocalDate.parse("2026-02-15"), Money.of("1000.00", "EUR")),
                new Claim.Payment(LocalDate.parse("2026-02-15"), Money.of("24.00", "EUR"))),
            LocalDate.parse("2026-02-20"),
            Allocation.PRINCIPAL_FIRST);

    JsonNode quote = PenaltyCodec.toData(Quotes.quote(claim, RateBook.seed()));

    assertThat(canonical(quote))
        .isEqualTo(
            "{\"allocation\":\"PRINCIPAL_FIRST\",\"amountDue\":\"220.68\",\"asOf\":\"2026-02-20\","
                + "\"currency\":\"EUR\",\"dueDate\":\"2026-02-04\",\"earlyPaymentDiscount\":null,"
                + "\"indemnity\":\"40.00\","
                + INDEMNITY_RULE
                + ",\"interest\":\"4.68\",\"jurisdiction\":\"FR\","
                + "\"payments\":[{\"amount\":\"1000.00\",\"paidOn\":\"2026-02-15\"},"
                + "{\"amount\":\"24.00\",\"paidOn\":\"2026-02-15\"}],"
                + "\"penaltiesOutstanding\":\"44.68\",\"penaltiesPaid\":\"0.00\","
                + PERIODS
                + ",\"principal\":\"1200.00\",\"principalOutstanding\":\"176.00\","
                + "\"total\":\"44.68\"}");
  }
}
