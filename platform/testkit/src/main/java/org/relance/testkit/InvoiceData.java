package org.relance.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.UUID;
import org.relance.contracts.Json;

/**
 * The data of invoice-service's events as a component test publishes them with {@link
 * FakeProducer}: a French invoice of debtor C-1 (Dupont SARL), valid against the v1 schemas.
 */
public final class InvoiceData {

  private InvoiceData() {}

  public static ObjectNode issued(
      String invoiceId,
      String tenant,
      String number,
      String issueDate,
      String dueDate,
      String amount) {
    ObjectNode data =
        Json.object()
            .put("invoiceId", invoiceId)
            .put("invoiceNumber", number)
            .put("tenant", tenant)
            .put("jurisdiction", "FR")
            .put("issueDate", issueDate)
            .put("dueDate", dueDate)
            .put("currency", "EUR")
            .put("amount", amount);
    data.putObject("debtor")
        .put("id", "C-1")
        .put("name", "Dupont SARL")
        .put("email", "compta@dupont.example");
    return data;
  }

  public static ObjectNode dueDatePassed(
      String invoiceId, String number, String dueDate, String outstanding) {
    return Json.object()
        .put("invoiceId", invoiceId)
        .put("invoiceNumber", number)
        .put("debtorId", "C-1")
        .put("dueDate", dueDate)
        .put("firstLateDay", LocalDate.parse(dueDate).plusDays(1).toString())
        .put("outstanding", outstanding)
        .put("currency", "EUR");
  }

  public static ObjectNode paid(
      String invoiceId, String reference, String amount, String paidOn, String outstandingAfter) {
    return Json.object()
        .put("invoiceId", invoiceId)
        .put("paymentId", UUID.randomUUID().toString())
        .put("reference", reference)
        .put("amount", amount)
        .put("currency", "EUR")
        .put("paidOn", paidOn)
        .put("outstandingAfter", outstandingAfter)
        .put("status", "0.00".equals(outstandingAfter) ? "PAID" : "PARTIALLY_PAID");
  }
}
