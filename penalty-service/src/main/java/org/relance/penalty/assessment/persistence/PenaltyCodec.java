package org.relance.penalty.assessment.persistence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import org.relance.contracts.Json;
import org.relance.contracts.money.Money;
import org.relance.penalty.assessment.domain.Allocation;
import org.relance.penalty.assessment.domain.Assessment;
import org.relance.penalty.assessment.domain.Claim;
import org.relance.penalty.assessment.domain.Jurisdiction;
import org.relance.penalty.assessment.domain.Trigger;

/** Maps invoice facts to the engine's claim, and an assessment to PenaltyAssessed data. */
public final class PenaltyCodec {

  private PenaltyCodec() {}

  /**
   * The claim of an invoice as of a date.
   *
   * @throws IllegalArgumentException when the invoice's jurisdiction has no rules here
   */
  public static Claim claim(
      JsonNode invoice, JsonNode payments, LocalDate asOf, Allocation allocation) {
    String code = invoice.path("jurisdiction").asText("FR");
    Jurisdiction jurisdiction =
        Jurisdiction.of(code)
            .orElseThrow(
                () ->
                    new IllegalArgumentException("no late-payment rules for jurisdiction " + code));
    Currency currency = Currency.getInstance(invoice.get("currency").asText());
    List<Claim.Payment> list = new ArrayList<>();
    payments.forEach(
        p ->
            list.add(
                new Claim.Payment(
                    LocalDate.parse(p.get("paidOn").asText()),
                    new Money(new BigDecimal(p.get("amount").asText()), currency))));
    return new Claim(
        jurisdiction,
        new Money(new BigDecimal(invoice.get("amount").asText()), currency),
        LocalDate.parse(invoice.get("dueDate").asText()),
        invoice.hasNonNull("contractualPenaltyRatePercent")
            ? new BigDecimal(invoice.get("contractualPenaltyRatePercent").asText())
            : null,
        list,
        asOf,
        allocation);
  }

  /** The statement as JSON: what PenaltyAssessed carries and what the quote API answers. */
  public static ObjectNode statement(Claim claim, Assessment a) {
    ObjectNode data = Json.object();
    data.put("jurisdiction", a.jurisdiction().name());
    data.put("asOf", a.asOf().toString());
    data.put("dueDate", claim.dueDate().toString());
    data.put("currency", a.principal().currencyCode());
    data.put("allocation", a.allocation().name());
    data.put("principal", a.principal().toPlainString());
    data.put("principalOutstanding", a.principalOutstanding().toPlainString());
    data.put("interest", a.interest().toPlainString());
    data.put("indemnity", a.indemnity().toPlainString());
    data.put("total", a.total().toPlainString());
    data.put("penaltiesPaid", a.penaltiesPaid().toPlainString());
    data.put("penaltiesOutstanding", a.penaltiesOutstanding().toPlainString());
    data.put("amountDue", a.amountDue().toPlainString());
    ArrayNode payments = data.putArray("payments");
    claim.payments().stream()
        .filter(p -> !p.paidOn().isAfter(a.asOf()))
        .sorted(java.util.Comparator.comparing(Claim.Payment::paidOn))
        .forEach(
            p ->
                payments
                    .addObject()
                    .put("paidOn", p.paidOn().toString())
                    .put("amount", p.amount().toPlainString()));
    data.putNull("earlyPaymentDiscount");
    ArrayNode periods = data.putArray("periods");
    for (Assessment.Period p : a.periods()) {
      periods
          .addObject()
          .put("from", p.from().toString())
          .put("to", p.to().toString())
          .put("days", p.days())
          .put("base", p.base().toPlainString())
          .put("ratePercent", p.ratePercent().stripTrailingZeros().toPlainString())
          .put("interest", p.interest().toPlainString())
          .put("rule", p.rule())
          .put("reference", p.reference());
    }
    if (a.indemnityRule() == null) {
      data.putNull("indemnityRule");
    } else {
      data.putObject("indemnityRule")
          .put("text", a.indemnityRule().text())
          .put("reference", a.indemnityRule().reference());
    }
    return data;
  }

  public static ObjectNode toData(
      JsonNode invoice, Trigger trigger, String requestId, Claim claim, Assessment a) {
    ObjectNode data = Json.object();
    data.put("invoiceId", invoice.get("invoiceId").asText());
    data.put("invoiceNumber", invoice.get("invoiceNumber").asText());
    data.put("trigger", trigger.name());
    if (requestId != null) {
      data.put("requestId", requestId);
    }
    data.setAll(statement(claim, a));
    return data;
  }

  /** What one PenaltyWaived event waived: its interest and indemnity together. */
  public static java.math.BigDecimal waivedAmount(JsonNode waiver) {
    return new java.math.BigDecimal(waiver.get("interestWaived").asText())
        .add(new java.math.BigDecimal(waiver.get("indemnityWaived").asText()));
  }

  /**
   * Deducts {@code waived} from the penalties still due of a statement, adding to what it already
   * shows as waived; the amount due follows.
   */
  public static ObjectNode applyWaivers(ObjectNode data, java.math.BigDecimal waived) {
    java.math.BigDecimal earlier =
        new java.math.BigDecimal(data.path("penaltiesWaived").asText("0"));
    java.math.BigDecimal outstanding =
        new java.math.BigDecimal(data.get("penaltiesOutstanding").asText());
    java.math.BigDecimal applied = waived.min(outstanding);
    java.math.BigDecimal left = outstanding.subtract(applied);
    data.put("penaltiesWaived", cents(earlier.add(applied)));
    data.put("penaltiesOutstanding", cents(left));
    data.put(
        "amountDue",
        cents(new java.math.BigDecimal(data.get("principalOutstanding").asText()).add(left)));
    return data;
  }

  private static String cents(java.math.BigDecimal amount) {
    return amount.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
  }

  /**
   * As {@link #toData(JsonNode, Trigger, String, Claim, Assessment)}, showing an early-payment
   * discount among the credits as what it is rather than as a payment.
   */
  public static ObjectNode toData(
      JsonNode invoice,
      Trigger trigger,
      String requestId,
      Claim claim,
      Assessment a,
      JsonNode credits) {
    ObjectNode data = toData(invoice, trigger, requestId, claim, a);
    for (JsonNode c : credits) {
      if ("EARLY_PAYMENT_DISCOUNT".equals(c.path("kind").asText())) {
        data.putObject("earlyPaymentDiscount")
            .put("amount", c.get("amount").asText())
            .put("ratePercent", c.get("ratePercent").asText())
            .put("grantedOn", c.get("paidOn").asText());
        ArrayNode kept = Json.mapper().createArrayNode();
        boolean removed = false;
        for (JsonNode p : data.get("payments")) {
          if (!removed
              && p.get("paidOn").asText().equals(c.get("paidOn").asText())
              && p.get("amount").asText().equals(c.get("amount").asText())) {
            removed = true;
          } else {
            kept.add(p);
          }
        }
        data.set("payments", kept);
      }
    }
    return data;
  }
}
