package org.relance.invoice.receivable.persistence;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.UUID;
import org.relance.contracts.CanonicalJson;
import org.relance.contracts.CloudEvent;
import org.relance.contracts.EventCodec;
import org.relance.contracts.EventType;
import org.relance.contracts.HashChain;
import org.relance.contracts.events.Address;
import org.relance.contracts.events.Contact;
import org.relance.contracts.events.EventData;
import org.relance.contracts.money.Money;
import org.relance.contracts.personal.PersonalDataSeal;
import org.relance.invoice.receivable.domain.Debtor;
import org.relance.invoice.receivable.domain.DisputeCategory;
import org.relance.invoice.receivable.domain.DisputeOutcome;
import org.relance.invoice.receivable.domain.InvoiceEvent;
import org.relance.invoice.receivable.domain.InvoiceStatus;
import org.relance.invoice.receivable.domain.InvoiceTerms;

/**
 * Maps the invoice's domain events to their contract records ({@code org.relance.contracts.events})
 * and back. The records carry every field; what the domain keeps once (the currency, the terms) is
 * repeated here in each record the contract asks it of.
 */
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

  /**
   * The contract record of a domain event of the invoice {@code invoiceId}, whose {@code terms}
   * supply what the event itself does not repeat (number, debtor, currency).
   */
  public static EventData toRecord(UUID invoiceId, InvoiceTerms terms, InvoiceEvent event) {
    if (event instanceof InvoiceEvent.InvoiceIssued issued) {
      return issued(invoiceId, issued.tenant(), issued.terms());
    }
    if (event instanceof InvoiceEvent.PaymentReceived paid) {
      return new org.relance.contracts.events.PaymentReceived(
          invoiceId,
          paid.paymentId(),
          paid.reference(),
          paid.amount().amount(),
          paid.amount().currencyCode(),
          paid.paidOn(),
          paid.outstandingAfter().amount(),
          org.relance.contracts.events.PaymentReceived.Status.valueOf(paid.status().name()));
    }
    if (event instanceof InvoiceEvent.EarlyPaymentDiscountGranted granted) {
      return new org.relance.contracts.events.EarlyPaymentDiscountGranted(
          invoiceId,
          granted.ratePercent(),
          granted.withinDays(),
          granted.discount().amount(),
          granted.discount().currencyCode(),
          granted.grantedOn(),
          granted.paymentReference(),
          granted.outstandingAfter().amount());
    }
    if (event instanceof InvoiceEvent.DueDatePassed passed) {
      return new org.relance.contracts.events.DueDatePassed(
          invoiceId,
          terms.invoiceNumber(),
          terms.debtor().id(),
          passed.dueDate(),
          passed.firstLateDay(),
          passed.outstanding().amount(),
          passed.outstanding().currencyCode());
    }
    if (event instanceof InvoiceEvent.InvoiceDisputed disputed) {
      return new org.relance.contracts.events.InvoiceDisputed(
          invoiceId,
          disputed.disputeId(),
          org.relance.contracts.events.InvoiceDisputed.Category.valueOf(disputed.category().name()),
          disputed.reason(),
          disputed.amountDisputed() == null ? null : disputed.amountDisputed().toPlainString(),
          terms.amount().currencyCode(),
          disputed.openedOn(),
          disputed.actor());
    }
    if (event instanceof InvoiceEvent.InvoiceDisputeResolved resolved) {
      return new org.relance.contracts.events.InvoiceDisputeResolved(
          invoiceId,
          resolved.disputeId(),
          org.relance.contracts.events.InvoiceDisputeResolved.Outcome.valueOf(
              resolved.outcome().name()),
          resolved.note(),
          resolved.resolvedOn(),
          resolved.actor());
    }
    throw new IllegalArgumentException("unknown invoice event " + event);
  }

  /**
   * The data of a domain event as it is appended and hashed: its record, written by the contracts'
   * codec (see {@link #written} for the one field this service has always left out when unset).
   */
  public static ObjectNode toData(UUID invoiceId, InvoiceTerms terms, InvoiceEvent event) {
    return written(toRecord(invoiceId, terms, event));
  }

  /**
   * The content an identical re-post must repeat: the InvoiceIssued data without the id Relance
   * gave the invoice.
   */
  public static ObjectNode content(String tenant, InvoiceTerms terms) {
    return written(issued(null, tenant, terms));
  }

  /**
   * The hash the read model keeps of an invoice's content, to tell an identical re-post from a
   * different invoice under the same number.
   */
  public static String contentHash(String tenant, InvoiceTerms terms) {
    return HashChain.sha256Hex(CanonicalJson.canonicalString(content(tenant, terms)));
  }

  /**
   * The record as JSON. The InvoiceIssued record writes an unset contractual penalty rate as an
   * explicit null, as the contract's golden example does; this service has always left the field
   * out instead, and its events and content hashes must keep their bytes, so it is left out here.
   */
  private static ObjectNode written(EventData record) {
    ObjectNode data = EventCodec.write(record);
    if (record instanceof org.relance.contracts.events.InvoiceIssued issued
        && issued.contractualPenaltyRatePercent() == null) {
      data.remove("contractualPenaltyRatePercent");
    }
    return data;
  }

  private static org.relance.contracts.events.InvoiceIssued issued(
      UUID invoiceId, String tenant, InvoiceTerms t) {
    Debtor d = t.debtor();
    Address address =
        d.address() == null
            ? null
            : new Address(
                d.address().lines(),
                d.address().postalCode(),
                d.address().city(),
                d.address().country());
    return new org.relance.contracts.events.InvoiceIssued(
        invoiceId,
        t.invoiceNumber(),
        tenant,
        t.jurisdiction(),
        new org.relance.contracts.events.Debtor(
            d.id(),
            d.name(),
            d.legalId(),
            d.email(),
            d.phone(),
            d.language(),
            address,
            d.contacts().stream()
                .map(c -> new Contact(c.name(), c.email(), c.phone(), c.role()))
                .toList(),
            d.segments()),
        t.issueDate(),
        t.dueDate(),
        t.amount().currencyCode(),
        t.amount().amount(),
        t.amountExcludingTax() == null ? null : t.amountExcludingTax().amount(),
        t.taxAmount() == null ? null : t.taxAmount().amount(),
        t.contractualPenaltyRatePercent(),
        t.earlyPaymentDiscount() == null
            ? null
            : new org.relance.contracts.events.InvoiceIssued.EarlyPaymentDiscount(
                t.earlyPaymentDiscount().ratePercent(), t.earlyPaymentDiscount().withinDays()),
        t.purchaseOrder());
  }

  /**
   * The domain event of a stored event, as the event store reads it back (opened): when the
   * debtor's personal data was erased, the personal fields are absent and the event says so ({@link
   * PersonalDataSeal#disclosure}); the domain event then marks them erased rather than unknown.
   */
  public static InvoiceEvent fromCloudEvent(CloudEvent event) {
    EventData data = EventCodec.read(event);
    boolean erased = PersonalDataSeal.disclosure(event) == PersonalDataSeal.Disclosure.ERASED;
    if (data instanceof org.relance.contracts.events.InvoiceIssued issued) {
      return new InvoiceEvent.InvoiceIssued(
          issued.invoiceId(), issued.tenant(), terms(issued, erased));
    }
    if (data instanceof org.relance.contracts.events.PaymentReceived paid) {
      return new InvoiceEvent.PaymentReceived(
          paid.paymentId(),
          paid.reference(),
          money(paid.amount(), paid.currency()),
          paid.paidOn(),
          money(paid.outstandingAfter(), paid.currency()),
          InvoiceStatus.valueOf(paid.status().name()));
    }
    if (data instanceof org.relance.contracts.events.EarlyPaymentDiscountGranted granted) {
      return new InvoiceEvent.EarlyPaymentDiscountGranted(
          granted.ratePercent(),
          granted.withinDays(),
          money(granted.discount(), granted.currency()),
          granted.grantedOn(),
          granted.paymentReference(),
          money(granted.outstandingAfter(), granted.currency()));
    }
    if (data instanceof org.relance.contracts.events.DueDatePassed passed) {
      return new InvoiceEvent.DueDatePassed(
          passed.dueDate(), passed.firstLateDay(), money(passed.outstanding(), passed.currency()));
    }
    if (data instanceof org.relance.contracts.events.InvoiceDisputed disputed) {
      return new InvoiceEvent.InvoiceDisputed(
          disputed.disputeId(),
          DisputeCategory.valueOf(disputed.category().name()),
          disputed.reason(),
          disputed.amountDisputed() == null
              ? null
              : money(new BigDecimal(disputed.amountDisputed()), disputed.currency()),
          disputed.openedOn(),
          disputed.actor(),
          erased);
    }
    if (data instanceof org.relance.contracts.events.InvoiceDisputeResolved resolved) {
      return new InvoiceEvent.InvoiceDisputeResolved(
          resolved.disputeId(),
          DisputeOutcome.valueOf(resolved.outcome().name()),
          resolved.note(),
          resolved.resolvedOn(),
          resolved.actor(),
          erased);
    }
    throw new IllegalArgumentException("not an invoice event: " + event.type());
  }

  private static InvoiceTerms terms(
      org.relance.contracts.events.InvoiceIssued issued, boolean contactErased) {
    org.relance.contracts.events.Debtor d = issued.debtor();
    Address a = d.address();
    String currency = issued.currency();
    return new InvoiceTerms(
        issued.invoiceNumber(),
        issued.jurisdiction(),
        new Debtor(
            d.id(),
            d.name(),
            d.legalId(),
            d.email(),
            d.phone(),
            d.language(),
            a == null ? null : new Debtor.Address(a.lines(), a.postalCode(), a.city(), a.country()),
            d.contacts() == null
                ? null
                : d.contacts().stream()
                    .map(c -> new Debtor.Contact(c.name(), c.email(), c.phone(), c.role()))
                    .toList(),
            d.segments(),
            contactErased),
        issued.issueDate(),
        issued.dueDate(),
        money(issued.amount(), currency),
        issued.amountExcludingTax() == null ? null : money(issued.amountExcludingTax(), currency),
        issued.taxAmount() == null ? null : money(issued.taxAmount(), currency),
        issued.contractualPenaltyRatePercent(),
        issued.earlyPaymentDiscount() == null
            ? null
            : new InvoiceTerms.EarlyPaymentDiscount(
                issued.earlyPaymentDiscount().ratePercent(),
                issued.earlyPaymentDiscount().withinDays()),
        issued.purchaseOrder());
  }

  private static Money money(BigDecimal amount, String currency) {
    return new Money(amount, Currency.getInstance(currency));
  }
}
