package org.relance.invoice.receivable.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import org.relance.contracts.money.Money;
import org.relance.invoice.receivable.domain.Debtor;
import org.relance.invoice.receivable.domain.InvoiceDecider;
import org.relance.invoice.receivable.domain.InvoiceTerms;
import org.relance.platform.http.Fields;

/** Reads the JSON of invoice requests into domain values, naming every bad field at once. */
final class InvoiceRequests {

  private InvoiceRequests() {}

  static InvoiceTerms terms(JsonNode body) {
    Fields f = new Fields(body);
    String number = f.text("invoiceNumber", true);
    if (number != null && number.length() > 64) {
      f.fault("invoiceNumber", "must be at most 64 characters");
    }
    String jurisdiction = f.present("jurisdiction") ? f.text("jurisdiction", false) : "FR";
    if (jurisdiction != null && !jurisdiction.matches("[A-Z]{2}")) {
      f.fault("jurisdiction", "must be an ISO 3166 alpha-2 country code such as FR");
    }
    Debtor debtor = debtor(f.object("debtor", true));
    LocalDate issueDate = f.date("issueDate", true);
    LocalDate dueDate = f.date("dueDate", true);
    Currency currency = f.currency("currency", true);
    BigDecimal amount = f.amount("amount", true, currency);
    BigDecimal excl = f.amount("amountExcludingTax", false, currency);
    BigDecimal tax = f.amount("taxAmount", false, currency);
    BigDecimal rate = f.decimal("contractualPenaltyRatePercent", false);
    InvoiceTerms.EarlyPaymentDiscount discount = null;
    if (f.present("earlyPaymentDiscount")) {
      Fields d = f.object("earlyPaymentDiscount", false);
      BigDecimal discountRate = d.decimal("ratePercent", true);
      Integer within = d.integer("withinDays", true);
      if (discountRate != null && within != null) {
        discount = new InvoiceTerms.EarlyPaymentDiscount(discountRate, within);
      }
    }
    String purchaseOrder = f.text("purchaseOrder", false);
    // The rules that need two fields are checked here too, so one answer names every bad field.
    if (amount != null && amount.signum() <= 0) {
      f.fault("amount", "must be greater than zero");
    }
    if (issueDate != null && dueDate != null && dueDate.isBefore(issueDate)) {
      f.fault("dueDate", "must not be before issueDate " + issueDate);
    }
    f.throwIfInvalid();
    InvoiceTerms terms =
        new InvoiceTerms(
            number,
            jurisdiction,
            debtor,
            issueDate,
            dueDate,
            new Money(amount, currency),
            excl == null ? null : new Money(excl, currency),
            tax == null ? null : new Money(tax, currency),
            rate,
            discount,
            purchaseOrder);
    InvoiceDecider.check(terms).forEach(v -> f.fault(v.field(), v.reason()));
    f.throwIfInvalid();
    return terms;
  }

  private static Debtor debtor(Fields d) {
    String id = d.text("id", true);
    String name = d.text("name", true);
    String email = d.email("email", false);
    if (email != null && !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
      d.fault("email", "is not an email address");
    }
    Debtor.Address address = null;
    if (d.present("address")) {
      Fields a = d.object("address", false);
      address =
          new Debtor.Address(
              a.texts("lines"),
              a.text("postalCode", false),
              a.text("city", false),
              a.text("country", false));
    }
    List<Debtor.Contact> contacts = new ArrayList<>();
    for (Fields c : d.objects("contacts")) {
      contacts.add(
          new Debtor.Contact(
              c.text("name", false),
              c.email("email", false),
              c.text("phone", false),
              c.text("role", false)));
    }
    String language = d.present("language") ? d.text("language", false) : "fr";
    return new Debtor(
        id,
        name,
        d.text("legalId", false),
        email,
        d.text("phone", false),
        language,
        address,
        contacts,
        d.texts("segments"));
  }

  record PaymentRequest(Money amount, LocalDate paidOn, String reference) {}

  static PaymentRequest payment(JsonNode body, Currency invoiceCurrency) {
    Fields f = new Fields(body);
    Currency currency = f.present("currency") ? f.currency("currency", false) : invoiceCurrency;
    BigDecimal amount = f.amount("amount", true, currency);
    LocalDate paidOn = f.date("paidOn", true);
    String reference = f.text("reference", true);
    f.throwIfInvalid();
    return new PaymentRequest(new Money(amount, currency), paidOn, reference);
  }
}
