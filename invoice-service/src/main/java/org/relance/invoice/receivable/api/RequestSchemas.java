package org.relance.invoice.receivable.api;

import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.relance.invoice.clock.domain.BusinessClock;
import org.relance.invoice.receivable.domain.DisputeCategory;
import org.relance.invoice.receivable.domain.DisputeOutcome;
import org.relance.platform.http.Fields;

/**
 * The request bodies of invoice-service as the OpenAPI document shows them, with every limit the
 * API enforces. The bodies are read by {@link InvoiceRequests} and {@link DisputeRequests} with
 * {@link Fields} (which names every bad field in one answer), from the same constants; {@code
 * BoundedInputIT} checks that each documented length limit of an invoice is the one enforced. Enums
 * are the domain's own types, so the document lists exactly the values accepted.
 */
public final class RequestSchemas {

  private RequestSchemas() {}

  @Schema(name = "IssueInvoiceRequest", description = "An invoice to collect")
  public record IssueInvoice(
      @Schema(required = true, maxLength = 64, description = "unique per tenant")
          String invoiceNumber,
      @Schema(pattern = "^[A-Z]{2}$", defaultValue = "FR", description = "ISO 3166 alpha-2")
          String jurisdiction,
      @Schema(required = true) Debtor debtor,
      @Schema(required = true, description = "0001-01-01 to 9999-12-31") LocalDate issueDate,
      @Schema(required = true, description = "not before issueDate") LocalDate dueDate,
      @Schema(required = true, pattern = Fields.CURRENCY_PATTERN, description = "ISO 4217")
          String currency,
      @Schema(
              required = true,
              pattern = Fields.DECIMAL_PATTERN,
              description =
                  "decimal string, greater than zero, at most 15 integer digits and the"
                      + " currency's decimals; a JSON number is read exactly but may not use an"
                      + " exponent")
          String amount,
      @Schema(pattern = Fields.DECIMAL_PATTERN) String amountExcludingTax,
      @Schema(pattern = Fields.DECIMAL_PATTERN) String taxAmount,
      @Schema(pattern = Fields.DECIMAL_PATTERN) String contractualPenaltyRatePercent,
      EarlyPaymentDiscount earlyPaymentDiscount,
      @Schema(maxLength = Fields.MAX_NAME_CHARS) String purchaseOrder) {}

  @Schema(name = "DebtorRequest")
  public record Debtor(
      @Schema(required = true, maxLength = Fields.MAX_NAME_CHARS) String id,
      @Schema(required = true, maxLength = Fields.MAX_NAME_CHARS) String name,
      @Schema(maxLength = Fields.MAX_NAME_CHARS, description = "SIREN, VAT number...")
          String legalId,
      @Schema(maxLength = Fields.MAX_EMAIL_CHARS, format = "email") String email,
      @Schema(maxLength = Fields.MAX_NAME_CHARS) String phone,
      @Schema(maxLength = Fields.MAX_NAME_CHARS, defaultValue = "fr") String language,
      Address address,
      @Schema(maxItems = Fields.MAX_ITEMS) List<Contact> contacts,
      @Schema(maxItems = Fields.MAX_ITEMS) List<String> segments) {}

  @Schema(name = "AddressRequest", description = "where a registered letter goes")
  public record Address(
      @Schema(maxItems = Fields.MAX_ITEMS, description = "each at most 200 characters")
          List<String> lines,
      @Schema(maxLength = Fields.MAX_NAME_CHARS) String postalCode,
      @Schema(maxLength = Fields.MAX_NAME_CHARS) String city,
      @Schema(maxLength = Fields.MAX_NAME_CHARS) String country) {}

  @Schema(name = "ContactRequest")
  public record Contact(
      @Schema(maxLength = Fields.MAX_NAME_CHARS) String name,
      @Schema(maxLength = Fields.MAX_EMAIL_CHARS, format = "email") String email,
      @Schema(maxLength = Fields.MAX_NAME_CHARS) String phone,
      @Schema(maxLength = Fields.MAX_NAME_CHARS) String role) {}

  @Schema(name = "EarlyPaymentDiscountRequest")
  public record EarlyPaymentDiscount(
      @Schema(required = true, pattern = Fields.DECIMAL_PATTERN) String ratePercent,
      @Schema(required = true, type = SchemaType.INTEGER) Integer withinDays) {}

  @Schema(name = "PaymentRequest", description = "A payment received for the invoice")
  public record Payment(
      @Schema(
              required = true,
              pattern = Fields.DECIMAL_PATTERN,
              description = "at most the currency's decimals")
          String amount,
      @Schema(pattern = Fields.CURRENCY_PATTERN, description = "the invoice's when absent")
          String currency,
      @Schema(required = true) LocalDate paidOn,
      @Schema(required = true, maxLength = Fields.MAX_NAME_CHARS, description = "bank reference")
          String reference) {}

  @Schema(name = "OpenDisputeRequest")
  public record OpenDispute(
      @Schema(required = true) DisputeCategory category,
      @Schema(required = true, maxLength = Fields.MAX_TEXT_CHARS) String reason,
      @Schema(pattern = Fields.DECIMAL_PATTERN, description = "the whole invoice when absent")
          String amountDisputed,
      @Schema(pattern = Fields.CURRENCY_PATTERN) String currency) {}

  @Schema(name = "ResolveDisputeRequest")
  public record ResolveDispute(
      @Schema(required = true) DisputeOutcome outcome,
      @Schema(maxLength = Fields.MAX_TEXT_CHARS) String note) {}

  @Schema(name = "AdvanceClockRequest")
  public record AdvanceClock(
      @Schema(
              required = true,
              minimum = "1",
              maximum = "" + BusinessClock.MAX_ADVANCE,
              type = SchemaType.INTEGER)
          Integer days) {}
}
