package org.relance.platform.testsupport;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.UUID;
import org.relance.contracts.EventType;
import org.relance.contracts.Json;
import org.relance.platform.eventstore.PendingEvent;
import org.relance.testkit.InvoiceData;

/** Pending events valid against their v1 schemas, for the event store and relay tests. */
public final class Events {

  public static final LocalDate DAY = LocalDate.parse("2026-01-05");

  private Events() {}

  /** A new tenant name, so that tests sharing the broker never read each other's events. */
  public static String tenant() {
    return "t-" + UUID.randomUUID().toString().substring(0, 8);
  }

  public static PendingEvent issued(String invoiceId, String tenant) {
    return issued(UUID.randomUUID(), invoiceId, tenant, "F-1");
  }

  public static PendingEvent issued(UUID id, String invoiceId, String tenant, String number) {
    ObjectNode data =
        InvoiceData.issued(invoiceId, tenant, number, "2026-01-05", "2026-02-04", "1200.00");
    return pending(id, EventType.INVOICE_ISSUED, invoiceId, data, tenant);
  }

  public static PendingEvent dayStarted(String tenant, LocalDate day) {
    ObjectNode data =
        Json.object().put("tenant", tenant).put("date", day.toString()).put("zone", "Europe/Paris");
    return new PendingEvent(
        UUID.randomUUID(), EventType.DAY_STARTED, tenant, data, tenant, day, tenant, null);
  }

  /** A type penalty-service owns: invoice-service's principal may not write its topic. */
  public static PendingEvent rateRecorded(String subject, String tenant) {
    ObjectNode data =
        Json.object()
            .put("series", "ECB_MRO")
            .put("effectiveFrom", "2026-01-01")
            .put("ratePercent", "2.15")
            .put("source", "ECB");
    return pending(UUID.randomUUID(), EventType.RATE_RECORDED, subject, data, tenant);
  }

  public static PendingEvent pending(
      UUID id, EventType type, String subject, ObjectNode data, String tenant) {
    return new PendingEvent(id, type, subject, data, tenant, DAY, subject, null);
  }
}
