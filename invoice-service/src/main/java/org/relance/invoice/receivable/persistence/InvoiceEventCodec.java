package org.relance.invoice.invoice.persistence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.UUID;
import org.relance.contracts.CloudEvent;
import org.relance.contracts.EventType;
import org.relance.contracts.Json;
import org.relance.contracts.money.Money;
import org.relance.invoice.invoice.domain.Debtor;
import org.relance.invoice.invoice.domain.DisputeCategory;
import org.relance.invoice.invoice.domain.DisputeOutcome;
import org.relance.invoice.invoice.domain.InvoiceEvent;
import org.relance.invoice.invoice.domain.InvoiceStatus;
import org.relance.invoice.invoice.domain.InvoiceTerms;

/** Maps the invoice's domain events to the data of their published contracts, and back. */
public final class InvoiceEventCodec {

  private InvoiceEventCodec() {}

  public static EventType type(InvoiceEvent event) {
    if (event instanceof InvoiceEvent.InvoiceIssued) {
      return EventType.INVOICE_ISSUED;
    }
    if (event instanceof InvoiceEvent.EarlyPaymentDiscountGranted) {
      return EventType.EARLY_PAYMENT_DISCOUNT_GRANTED;
    }
    if (event instanceof InvoiceEvent.PaymentReceived) {
      return EventType.PAYMENT_RECEIVED;
    }
    if (event instanceof InvoiceEvent.DueDatePassed) {
      return EventType.DUE_DATE_PASSED;
    }
    if (event instanceof InvoiceEvent.InvoiceDisputed) {
      return EventType.INVOICE_DISPUTED;
    }
    if (event instanceof InvoiceEvent.InvoiceDisputeResolved) {
      return EventType.INVOICE_DISPUTE_RESOLVED;
    }
    throw new IllegalArgumentException("unknown invoice event " + event);
  }

  public static ObjectNode toData(UUID invoiceId, InvoiceTerms terms, InvoiceEvent event) {
    ObjectNode data = Json.object();
    data.put("invoiceId", invoiceId.toString());
    if (event instanceof InvoiceEvent.InvoiceIssued issued) {
      writeTerms(data, issued.tenant(), issued.terms());
    } else if (event instanceof InvoiceEvent.PaymentReceived paid) {
      data.put("paymentId", paid.paymentId().toString());
      data.put("reference", paid.reference());
      data.put("amount", paid.amount().toPlainString());
      data.put("currency", paid.amount().currencyCode());
      data.put("paidOn", paid.paidOn().toString());
      data.put("outstandingAfter", paid.outstandingAfter().toPlainString());
      data.put("status", paid.status().name());
    } else if (event instanceof InvoiceEvent.EarlyPaymentDiscountGranted granted) {
      data.put("ratePercent", granted.ratePercent().toPlainString());
      data.put("withinDays", granted.withinDays());
      data.put("discount", granted.discount().toPlainString());
      data.put("currency", granted.discount().currencyCode());
      data.put("grantedOn", granted.grantedOn().toString());
      data.put("paymentReference", granted.paymentReference());
      data.put("outstandingAfter", granted.outstandingAfter().toPlainString());
    } else if (event instanceof InvoiceEvent.DueDatePassed passed) {
      data.put("invoiceNumber", terms.invoiceNumber());
      data.put("debtorId", terms.debtor().id());
      data.put("dueDate", passed.dueDate().toString());
      data.put("firstLateDay", passed.firstLateDay().toString());
      data.put("outstanding", passed.outstanding().toPlainString());
      data.put("currency", passed.outstanding().currencyCode());
    } else if (event instanceof InvoiceEvent.InvoiceDisputed disputed) {
      data.put("disputeId", disputed.disputeId().toString());
      data.put("category", disputed.category().name());
      data.put("reason", disputed.reason());
      // null says "the whole invoice" explicitly, rather than by a field left out
      data.put(
          "amountDisputed",
          disputed.amountDisputed() == null ? null : disputed.amountDisputed().toPlainString());
      data.put("currency", terms.amount().currencyCode());
      data.put("openedOn", disputed.openedOn().toString());
      data.put("actor", disputed.actor());
    } else if (event instanceof InvoiceEvent.InvoiceDisputeResolved resolved) {
      data.put("disputeId", resolved.disputeId().toString());
      data.put("outcome", resolved.outcome().name());
      data.put("note", resolved.note());
      data.put("resolvedOn", resolved.resolvedOn().toString());
      data.put("actor", resolved.actor());
    }
    return data;
  }

  /**
   * The content an identical re-post must repeat: the InvoiceIssued data without the id Relance
   * gave the invoice.
   */
  public static ObjectNode content(String tenant, InvoiceTerms terms) {
    ObjectNode data = Json.object();
    writeTerms(data, tenant, terms);
    return data;
  }

  private static void writeTerms(ObjectNode data, String tenant, InvoiceTerms t) {
    data.put("invoiceNumber", t.invoiceNumber());
    data.put("tenant", tenant);
    data.put("jurisdiction", t.jurisdiction());
    ObjectNode debtor = data.putObject("debtor");
    Debtor d = t.debtor();
    debtor.put("id", d.id());
    debtor.put("name", d.name());
    putIfSet(debtor, "legalId", d.legalId());
    putIfSet(debtor, "email", d.email());
    putIfSet(debtor, "phone", d.phone());
    putIfSet(debtor, "language", d.language());
    if (d.address() != null) {
      ObjectNode address = debtor.putObject("address");
      ArrayNode lines = address.putArray("lines");
      d.address().lines().forEach(lines::add);
      putIfSet(address, "postalCode", d.address().postalCode());
      putIfSet(address, "city", d.address().city());
      putIfSet(address, "country", d.address().country());
    }
    ArrayNode contacts = debtor.putArray("contacts");
    for (Debtor.Contact c : d.contacts()) {
      ObjectNode contact = contacts.addObject();
      putIfSet(contact, "name", c.name());
      putIfSet(contact, "email", c.email());
      putIfSet(contact, "phone", c.phone());
      putIfSet(contact, "role", c.role());
    }
    ArrayNode segments = debtor.putArray("segments");
    d.segments().forEach(segments::add);
    data.put("issueDate", t.issueDate().toString());
    data.put("dueDate", t.dueDate().toString());
    data.put("currency", t.amount().currencyCode());
    data.put("amount", t.amount().toPlainString());
    putIfSet(
        data,
        "amountExcludingTax",
        t.amountExcludingTax() == null ? null : t.amountExcludingTax().toPlainString());
    putIfSet(data, "taxAmount", t.taxAmount() == null ? null : t.taxAmount().toPlainString());
    putIfSet(
        data,
        "contractualPenaltyRatePercent",
        t.contractualPenaltyRatePercent() == null
            ? null
            : t.contractualPenaltyRatePercent().toPlainString());
    if (t.earlyPaymentDiscount() != null) {
      ObjectNode discount = data.putObject("earlyPaymentDiscount");
      discount.put("ratePercent", t.earlyPaymentDiscount().ratePercent().toPlainString());
      discount.put("withinDays", t.earlyPaymentDiscount().withinDays());
    }
    putIfSet(data, "purchaseOrder", t.purchaseOrder());
  }

  public static InvoiceEvent fromCloudEvent(CloudEvent event) {
    JsonNode d = event.data();
    return switch (event.eventType()) {
      case INVOICE_ISSUED ->
          new InvoiceEvent.InvoiceIssued(
              UUID.fromString(d.get("invoiceId").asText()), d.get("tenant").asText(), readTerms(d));
      case PAYMENT_RECEIVED ->
          new InvoiceEvent.PaymentReceived(
              UUID.fromString(d.get("paymentId").asText()),
              d.get("reference").asText(),
              money(d, "amount"),
              LocalDate.parse(d.get("paidOn").asText()),
              money(d, "outstandingAfter"),
              InvoiceStatus.valueOf(d.get("status").asText()));
      case EARLY_PAYMENT_DISCOUNT_GRANTED ->
          new InvoiceEvent.EarlyPaymentDiscountGranted(
              new BigDecimal(d.get("ratePercent").asText()),
              d.get("withinDays").asInt(),
              new Money(
                  new BigDecimal(d.get("discount").asText()),
                  Currency.getInstance(d.get("currency").asText())),
              LocalDate.parse(d.get("grantedOn").asText()),
              d.get("paymentReference").asText(),
              new Money(
                  new BigDecimal(d.get("outstandingAfter").asText()),
                  Currency.getInstance(d.get("currency").asText())));
      case DUE_DATE_PASSED ->
          new InvoiceEvent.DueDatePassed(
              LocalDate.parse(d.get("dueDate").asText()),
              LocalDate.parse(d.get("firstLateDay").asText()),
              money(d, "outstanding"));
      case INVOICE_DISPUTED ->
          new InvoiceEvent.InvoiceDisputed(
              UUID.fromString(d.get("disputeId").asText()),
              DisputeCategory.valueOf(d.get("category").asText()),
              d.get("reason").asText(),
              d.hasNonNull("amountDisputed") ? money(d, "amountDisputed") : null,
              LocalDate.parse(d.get("openedOn").asText()),
              d.get("actor").asText());
      case INVOICE_DISPUTE_RESOLVED ->
          new InvoiceEvent.InvoiceDisputeResolved(
              UUID.fromString(d.get("disputeId").asText()),
              DisputeOutcome.valueOf(d.get("outcome").asText()),
              text(d, "note"),
              LocalDate.parse(d.get("resolvedOn").asText()),
              d.get("actor").asText());
      default -> throw new IllegalArgumentException("not an invoice event: " + event.type());
    };
  }

  private static InvoiceTerms readTerms(JsonNode d) {
    JsonNode debtor = d.get("debtor");
    Debtor.Address address = null;
    if (debtor.hasNonNull("address")) {
      JsonNode a = debtor.get("address");
      List<String> lines = new ArrayList<>();
      if (a.has("lines")) {
        a.get("lines").forEach(l -> lines.add(l.asText()));
      }
      address =
          new Debtor.Address(lines, text(a, "postalCode"), text(a, "city"), text(a, "country"));
    }
    List<Debtor.Contact> contacts = new ArrayList<>();
    if (debtor.has("contacts")) {
      debtor
          .get("contacts")
          .forEach(
              c ->
                  contacts.add(
                      new Debtor.Contact(
                          text(c, "name"), text(c, "email"), text(c, "phone"), text(c, "role"))));
    }
    List<String> segments = new ArrayList<>();
    if (debtor.has("segments")) {
      debtor.get("segments").forEach(s -> segments.add(s.asText()));
    }
    InvoiceTerms.EarlyPaymentDiscount discount = null;
    if (d.hasNonNull("earlyPaymentDiscount")) {
      JsonNode e = d.get("earlyPaymentDiscount");
      discount =
          new InvoiceTerms.EarlyPaymentDiscount(
              new BigDecimal(e.get("ratePercent").asText()), e.get("withinDays").asInt());
    }
    return new InvoiceTerms(
        d.get("invoiceNumber").asText(),
        d.get("jurisdiction").asText(),
        new Debtor(
            debtor.get("id").asText(),
            debtor.get("name").asText(),
            text(debtor, "legalId"),
            text(debtor, "email"),
            text(debtor, "phone"),
            text(debtor, "language"),
            address,
            contacts,
            segments),
        LocalDate.parse(d.get("issueDate").asText()),
        LocalDate.parse(d.get("dueDate").asText()),
        money(d, "amount"),
        d.hasNonNull("amountExcludingTax") ? money(d, "amountExcludingTax") : null,
        d.hasNonNull("taxAmount") ? money(d, "taxAmount") : null,
        d.hasNonNull("contractualPenaltyRatePercent")
            ? new BigDecimal(d.get("contractualPenaltyRatePercent").asText())
            : null,
        discount,
        text(d, "purchaseOrder"));
  }

  private static Money money(JsonNode d, String field) {
    return new Money(
        new BigDecimal(d.get(field).asText()), Currency.getInstance(d.get("currency").asText()));
  }

  private static String text(JsonNode node, String field) {
    return node.hasNonNull(field) ? node.get(field).asText() : null;
  }

  private static void putIfSet(ObjectNode node, String field, String value) {
    if (value != null) {
      node.put(field, value);
    }
  }
}
