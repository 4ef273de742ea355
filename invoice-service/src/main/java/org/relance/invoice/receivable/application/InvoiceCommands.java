package org.relance.invoice.invoice.application;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import org.relance.contracts.CanonicalJson;
import org.relance.contracts.HashChain;
import org.relance.contracts.money.Money;
import org.relance.invoice.clock.persistence.ClockRepository;
import org.relance.invoice.invoice.domain.Dispute;
import org.relance.invoice.invoice.domain.DisputeCategory;
import org.relance.invoice.invoice.domain.DisputeOutcome;
import org.relance.invoice.invoice.domain.Invoice;
import org.relance.invoice.invoice.domain.InvoiceDecider;
import org.relance.invoice.invoice.domain.InvoiceDecider.DisputeDecision;
import org.relance.invoice.invoice.domain.InvoiceDecider.PaymentOutcome;
import org.relance.invoice.invoice.domain.InvoiceEvent;
import org.relance.invoice.invoice.domain.InvoiceTerms;
import org.relance.invoice.invoice.persistence.InvoiceEventCodec;
import org.relance.invoice.invoice.persistence.InvoiceProjection;
import org.relance.platform.eventstore.ConcurrencyException;
import org.relance.platform.eventstore.EventStore;
import org.relance.platform.eventstore.PendingEvent;
import org.relance.platform.http.Problem;
import org.relance.platform.http.ProblemException;

/**
 * Runs invoice commands: each loads the invoice from its stream, asks the decider, and appends the
 * events and updates the read model in one transaction. Nothing is published from here: the relay
 * publishes what committed.
 */
@ApplicationScoped
public class InvoiceCommands {

  private final Pool pool;
  private final EventStore store;
  private final InvoiceProjection projection;
  private final ClockRepository clock;
  private final MeterRegistry registry;

  public InvoiceCommands(
      Pool pool,
      EventStore store,
      InvoiceProjection projection,
      ClockRepository clock,
      MeterRegistry registry) {
    this.pool = pool;
    this.store = store;
    this.projection = projection;
    this.clock = clock;
    this.registry = registry;
  }

  /** The result of posting an invoice: created now, or the same invoice posted before. */
  public record Issued(Invoice invoice, boolean created) {}

  public Uni<Issued> issue(String tenant, InvoiceTerms terms) {
    String contentHash =
        HashChain.sha256Hex(
            CanonicalJson.canonicalString(InvoiceEventCodec.content(tenant, terms)));
    return pool.withTransaction(
            tx ->
                clock
                    .lock(tx, tenant, false)
                    .flatMap(v -> projection.findByNumber(tx, tenant, terms.invoiceNumber()))
                    .flatMap(
                        known -> {
                          if (known.isPresent()) {
                            if (!known.get().contentHash().equals(contentHash)) {
                              throw ProblemException.conflict(
                                  "invoice "
                                      + terms.invoiceNumber()
                                      + " was already posted with different content (id "
                                      + known.get().id()
                                      + ")");
                            }
                            return load(tx, known.get().id())
                                .map(invoice -> new Issued(invoice, false));
                          }
                          UUID id = UUID.randomUUID();
                          return clock
                              .today(tx, tenant)
                              .flatMap(
                                  today -> {
                                    List<InvoiceEvent> events =
                                        InvoiceDecider.issue(id, tenant, terms, today);
                                    Invoice invoice = Invoice.fold(events);
                                    return store
                                        .append(
                                            tx,
                                            id.toString(),
                                            0,
                                            pending(invoice, events, today, null))
                                        .flatMap(appended -> clock.ensure(tx, tenant, today))
                                        .flatMap(v -> projection.save(tx, invoice, contentHash))
                                        .invoke(
                                            () ->
                                                registry
                                                    .counter("relance.invoices.issued")
                                                    .increment())
                                        .map(v -> new Issued(invoice, true));
                                  });
                        }))
        // Two identical posts racing: the loser retries and finds the winner's invoice.
        .onFailure(this::isRace)
        .retry()
        .withBackOff(Duration.ofMillis(20))
        .atMost(3);
  }

  /** The result of posting a payment. */
  public record Paid(Invoice invoice, InvoiceEvent.PaymentReceived payment, boolean created) {}

  public Uni<Paid> recordPayment(
      String tenant, UUID invoiceId, String reference, Money amount, LocalDate paidOn) {
    return pool.withTransaction(
            tx ->
                clock
                    .lock(tx, tenant, false)
                    .flatMap(v -> find(tx, tenant, invoiceId))
                    .flatMap(
                        invoice ->
                            clock
                                .today(tx, tenant)
                                .flatMap(
                                    today -> {
                                      PaymentOutcome outcome =
                                          InvoiceDecider.recordPayment(
                                              invoice,
                                              UUID.randomUUID(),
                                              reference,
                                              amount,
                                              paidOn,
                                              today);
                                      if (outcome instanceof PaymentOutcome.AlreadyRecorded again) {
                                        return Uni.createFrom()
                                            .item(new Paid(invoice, again.existing(), false));
                                      }
                                      if (outcome instanceof PaymentOutcome.Conflict conflict) {
                                        throw ProblemException.conflict(conflict.reason());
                                      }
                                      if (outcome instanceof PaymentOutcome.Rejected rejected) {
                                        throw new ProblemException(
                                            new Problem(
                                                "urn:relance:problem:payment-refused",
                                                "Payment refused",
                                                422,
                                                "the payment cannot be applied to invoice "
                                                    + invoice.terms().invoiceNumber(),
                                                null,
                                                rejected.violations().stream()
                                                    .map(
                                                        x ->
                                                            new Problem.FieldError(
                                                                x.field(), x.reason()))
                                                    .toList()));
                                      }
                                      PaymentOutcome.Recorded recorded =
                                          (PaymentOutcome.Recorded) outcome;
                                      Invoice after = invoice;
                                      for (InvoiceEvent e : recorded.events()) {
                                        after = after.evolve(e);
                                      }
                                      Invoice settled = after;
                                      return store
                                          .append(
                                              tx,
                                              invoiceId.toString(),
                                              invoice.version(),
                                              pending(invoice, recorded.events(), today, null))
                                          .flatMap(
                                              appended -> projection.contentHash(tx, invoiceId))
                                          .flatMap(
                                              hash ->
                                                  projection.save(tx, settled, hash.orElseThrow()))
                                          .invoke(
                                              () ->
                                                  registry
                                                      .counter(
                                                          "relance.payments.recorded",
                                                          "status",
                                                          recorded.event().status().name())
                                                      .increment())
                                          .map(v -> new Paid(settled, recorded.event(), true));
                                    })))
        .onFailure(this::isRace)
        .retry()
        .withBackOff(Duration.ofMillis(20))
        .atMost(3);
  }

  /** The invoice after a dispute was opened or resolved, and that dispute. */
  public record DisputeChanged(Invoice invoice, Dispute dispute) {}

  /**
   * Opens a dispute on the invoice, dated by the tenant's business clock.
   *
   * @param amountDisputed the contested part, or {@code null} for the whole invoice
   */
  public Uni<DisputeChanged> openDispute(
      String tenant,
      UUID invoiceId,
      DisputeCategory category,
      String reason,
      Money amountDisputed,
      String actor) {
    return changeDispute(
        tenant,
        invoiceId,
        (invoice, today) ->
            InvoiceDecider.openDispute(
                invoice, UUID.randomUUID(), category, reason, amountDisputed, actor, today));
  }

  /** Resolves the open dispute {@code disputeId}, dated by the tenant's business clock. */
  public Uni<DisputeChanged> resolveDispute(
      String tenant,
      UUID invoiceId,
      UUID disputeId,
      DisputeOutcome outcome,
      String note,
      String actor) {
    return changeDispute(
        tenant,
        invoiceId,
        (invoice, today) ->
            InvoiceDecider.resolveDispute(invoice, disputeId, outcome, note, actor, today));
  }

  private Uni<DisputeChanged> changeDispute(
      String tenant, UUID invoiceId, BiFunction<Invoice, LocalDate, DisputeDecision> decide) {
    return pool.withTransaction(
            tx ->
                clock
                    .lock(tx, tenant, false)
                    .flatMap(v -> find(tx, tenant, invoiceId))
                    .flatMap(
                        invoice ->
                            clock
                                .today(tx, tenant)
                                .flatMap(
                                    today -> {
                                      DisputeDecision decision = decide.apply(invoice, today);
                                      InvoiceEvent event;
                                      UUID disputeId;
                                      Runnable count;
                                      if (decision instanceof DisputeDecision.Opened opened) {
                                        event = opened.event();
                                        disputeId = opened.event().disputeId();
                                        count =
                                            () ->
                                                registry
                                                    .counter(
                                                        "relance.disputes.opened",
                                                        "category",
                                                        opened.event().category().name())
                                                    .increment();
                                      } else if (decision
                                          instanceof DisputeDecision.Resolved resolved) {
                                        event = resolved.event();
                                        disputeId = resolved.event().disputeId();
                                        count =
                                            () ->
                                                registry
                                                    .counter(
                                                        "relance.disputes.resolved",
                                                        "outcome",
                                                        resolved.event().outcome().name())
                                                    .increment();
                                      } else {
                                        throw refusal(decision);
                                      }
                                      Invoice after = invoice.evolve(event);
                                      return store
                                          .append(
                                              tx,
                                              invoiceId.toString(),
                                              invoice.version(),
                                              pending(invoice, List.of(event), today, null))
                                          .flatMap(
                                              appended -> projection.contentHash(tx, invoiceId))
                                          .flatMap(
                                              hash ->
                                                  projection.save(tx, after, hash.orElseThrow()))
                                          .invoke(count)
                                          .map(
                                              v ->
                                                  new DisputeChanged(
                                                      after,
                                                      after.dispute(disputeId).orElseThrow()));
                                    })))
        .onFailure(this::isRace)
        .retry()
        .withBackOff(Duration.ofMillis(20))
        .atMost(3);
  }

  private static ProblemException refusal(DisputeDecision decision) {
    if (decision instanceof DisputeDecision.NotFound notFound) {
      return ProblemException.notFound(notFound.reason());
    }
    if (decision instanceof DisputeDecision.Conflict conflict) {
      return ProblemException.conflict(conflict.reason());
    }
    DisputeDecision.Refused refused = (DisputeDecision.Refused) decision;
    return new ProblemException(
        new Problem(
            "urn:relance:problem:dispute-refused",
            "Dispute refused",
            422,
            refused.reason(),
            null,
            refused.violations().isEmpty()
                ? null
                : refused.violations().stream()
                    .map(x -> new Problem.FieldError(x.field(), x.reason()))
                    .toList()));
  }

  public Uni<Invoice> get(String tenant, UUID invoiceId) {
    return pool.withConnection(c -> find(c, tenant, invoiceId));
  }

  /**
   * Appends the {@code DueDatePassed} of every open invoice of the tenant due before {@code date},
   * inside the tick's transaction (before the tick itself).
   */
  public Uni<Integer> passDueDates(SqlConnection tx, String tenant, LocalDate date, String tickId) {
    // Sequential, without nesting one Uni per invoice (a deep chain overflows the stack on a day
    // when thousands of invoices fall due).
    return projection
        .dueBefore(tx, tenant, date)
        .onItem()
        .transformToMulti(ids -> Multi.createFrom().iterable(ids))
        .onItem()
        .transformToUniAndConcatenate(
            id ->
                load(tx, id)
                    .flatMap(
                        invoice -> {
                          List<InvoiceEvent> events = InvoiceDecider.startDay(invoice, date);
                          if (events.isEmpty()) {
                            return Uni.createFrom().item(Optional.<Invoice>empty());
                          }
                          return store
                              .append(
                                  tx,
                                  id.toString(),
                                  invoice.version(),
                                  pending(invoice, events, date, tickId))
                              .replaceWith(Optional.of(invoice.evolve(events.get(0))));
                        }))
        .filter(Optional::isPresent)
        .map(Optional::get)
        .collect()
        .asList()
        // The read model is written once all events of the tick are appended (events first).
        .flatMap(
            changed ->
                Multi.createFrom()
                    .iterable(changed)
                    .onItem()
                    .transformToUniAndConcatenate(
                        invoice ->
                            projection
                                .contentHash(tx, invoice.id())
                                .flatMap(hash -> projection.save(tx, invoice, hash.orElseThrow())))
                    .collect()
                    .asList()
                    .replaceWith(changed.size()));
  }

  private Uni<Invoice> find(SqlClient client, String tenant, UUID invoiceId) {
    return load(client, invoiceId)
        .map(
            invoice -> {
              if (!invoice.exists() || !invoice.tenant().equals(tenant)) {
                throw ProblemException.notFound(
                    "no invoice " + invoiceId + " for tenant " + tenant);
              }
              return invoice;
            });
  }

  private Uni<Invoice> load(SqlClient client, UUID invoiceId) {
    return store
        .readStream(client, invoiceId.toString())
        .map(
            events ->
                Invoice.fold(events.stream().map(InvoiceEventCodec::fromCloudEvent).toList()));
  }

  private List<PendingEvent> pending(
      Invoice before, List<InvoiceEvent> events, LocalDate businessDate, String causation) {
    List<PendingEvent> pending = new ArrayList<>();
    Invoice state = before;
    for (InvoiceEvent event : events) {
      state = state.evolve(event);
      pending.add(
          new PendingEvent(
              UUID.randomUUID(),
              InvoiceEventCodec.type(event),
              state.id().toString(),
              InvoiceEventCodec.toData(state.id(), state.terms(), event),
              state.tenant(),
              businessDate,
              state.id().toString(),
              causation));
    }
    return pending;
  }

  private boolean isRace(Throwable t) {
    return t instanceof ConcurrencyException
        || (t instanceof io.vertx.pgclient.PgException pg && "23505".equals(pg.getSqlState()));
  }
}
