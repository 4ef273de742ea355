package org.relance.penalty.assessment.persistence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.UUID;
import org.relance.contracts.Json;
import org.relance.contracts.money.Money;
import org.relance.penalty.assessment.domain.Assessment;
import org.relance.penalty.assessment.domain.LateInvoice;

/** Maps invoice facts to the engine's input and assessments to PenaltyAssessed data. */
public final class PenaltyCodec {

  private PenaltyCodec() {}

  public static LateInvoice lateInvoice(JsonNode invoice, JsonNode payments) {
    Currency currency = Currency.getInstance(invoice.get("currency").asText());
    List<LateInvoice.Payment> list = new ArrayList<>();
    payments.forEach(p -> list.add(new LateInvoice.Payment(LocalDate.parse(p.get("paidOn").asText()),
        new Money(new BigDecimal(p.get("amount").asText()), currency))));
    return new LateInvoice(UUID.fromString(invoice.get("invoiceId").asText()), invoice.get("invoiceNumber").asText(),
        invoice.path("jurisdiction").asText("FR"), new Money(new BigDecimal(invoice.get("amount").asText()), currency),
        LocalDate.parse(invoice.get("dueDate").asText()),
        invoice.hasNonNull("contractualPenaltyRatePercent") ? new BigDecimal(invoice.get("contractualPenaltyRatePercent").asText()) : null,
        list);
  }

  public static ObjectNode toData(LateInvoice invoice, Assessment a) {
    ObjectNode data = Json.object();
    data.put("invoiceId", invoice.invoiceId().toString());
    data.put("invoiceNumber", invoice.invoiceNumber());
    data.put("jurisdiction", invoice.jurisdiction());
    data.put("trigger", a.trigger().name());
    data.put("asOf", a.asOf().toString());
    data.put("dueDate", invoice.dueDate().toString());
    data.put("currency", a.principal().currencyCode());
    data.put("principal", a.principal().toPlainString());
    data.put("principalOutstanding", a.principalOutstanding().toPlainString());
    data.put("interest", a.interest().toPlainString());
    data.put("indemnity", a.indemnity().toPlainString());
    data.put("total", a.total().toPlainString());
    ArrayNode periods = data.putArray("periods");
    for (Assessment.Period p : a.periods()) {
      periods.addObject().put("from", p.from().toString()).put("to", p.to().toString()).put("days", p.days())
          .put("base", p.base().toPlainString()).put("ratePercent", p.ratePercent().toPlainString())
          .put("interest", p.interest().toPlainString()).put("rule", p.rule()).put("reference", p.reference());
    }
    return data;
  }
}
