package org.relance.penalty.rates.persistence;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.relance.contracts.EventCodec;
import org.relance.contracts.EventType;
import org.relance.contracts.events.RateRecorded;
import org.relance.penalty.rates.domain.RatePoint;
import org.relance.penalty.rates.domain.RateRecording;
import org.relance.platform.eventstore.EventStore;
import org.relance.platform.eventstore.PendingEvent;

/**
 * The rate values recorded in this service's event store ({@code RateRecorded}), each series its
 * own stream; and the mapping between them and the domain's {@link RateRecording}.
 */
@ApplicationScoped
public class RateLog {

  /** Rates are not per tenant; their events belong to the default one. */
  private static final String TENANT = "default";

  private final EventStore store;

  public RateLog(EventStore store) {
    this.store = store;
  }

  /** Every value recorded, in the order they were recorded. */
  public Uni<List<RateRecording>> all(SqlClient client) {
    return store
        .readType(client, EventType.RATE_RECORDED)
        .map(
            events ->
                events.stream()
                    .map(e -> recording(EventCodec.read(e, RateRecorded.class)))
                    .toList());
  }

  public static RateRecording recording(RateRecorded r) {
    return new RateRecording(
        r.series().name(),
        new RatePoint(r.effectiveFrom(), new BigDecimal(r.ratePercent()), r.source()),
        r.verifiedThrough(),
        r.recordedBy());
  }

  public static RateRecorded record(RateRecording r) {
    return new RateRecorded(
        RateRecorded.Series.valueOf(r.series()),
        r.point().effectiveFrom(),
        r.point().ratePercent().toPlainString(),
        r.point().source(),
        r.verifiedThrough(),
        r.recordedBy());
  }

  /** The event of a recorded value, on its series' stream. */
  public static PendingEvent pending(RateRecording r, LocalDate businessDate) {
    return new PendingEvent(
        UUID.randomUUID(),
        EventType.RATE_RECORDED,
        r.series(),
        record(r),
        TENANT,
        businessDate,
        null,
        null);
  }
}
