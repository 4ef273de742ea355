package org.relance.invoice.receivable.application;

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
import org.relance.contracts.CloudEvent;
import org.relance.contracts.Refusal;
import org.relance.invoice.clock.persistence.ClockRepository;
import org.relance.invoice.receivable.domain.Dispute;
import org.relance.invoice.receivable.domain.Invoice;
import org.relance.invoice.receivable.domain.InvoiceDecider;
import org.relance.invoice.receivable.domain.InvoiceDecider.PaymentOutcome;
import org.relance.invoice.receivable.domain.InvoiceEvent;
import org.relance.invoice.receivable.persistence.InvoiceEventCodec;
import org.relance.invoice.receivable.persistence.InvoiceProjection;
import org.relance.platform.command.CommandPipeline;
import org.relance.platform.command.CommandPipeline.Command;
import org.relance.platform.command.CommandPipeline.Decision;
import org.relance.platform.command.CommandPipeline.Loaded;
import org.relance.platform.eventstore.EventStore;
import org.relance.platform.eventstore.PendingEvent;

/**
 * Runs the invoice's commands through the platform's {@link CommandPipeline}: under the tenant's
 * shared clock lock (so a tick never misses an invoice issued while it runs), each loads the
 * invoice and the business date, asks the decider, appends its events and updates the {@code
 * invoices} read model in one transaction. Nothing is published from here: the relay publishes what
 * committed.
 */
@ApplicationScoped
public class InvoiceCommands {

  private final Pool pool;
  private final EventStore store;
  private final CommandPipeline pipeline;
  private final InvoiceProjection projection;
  private final ClockRepository clock;
  private final MeterRegistry registry;

  public InvoiceCommands(
      Pool pool,
      EventStore store,
      CommandPipeline pipeline,
      InvoiceProjection projection,
      ClockRepository clock,
      MeterRegistry registry) {
    this.pool = pool;
    this.store = store;
    this.pipeline = pipeline;
    this.projection = projection;
    this.clock = clock;
    this.registry = registry;
  }

  /** The result of posting an invoice: created now, or the same invoice posted before. */
  public record Issued(Invoice invoice, boolean created) {}

  /** The result of posting a payment. */
  public record Paid(Invoice invoice, InvoiceEvent.PaymentReceived payment, boolean created) {}

  /** The invoice after a dispute was opened or resolved, and that dispute. */
  public record DisputeChanged(Invoice invoice, Dispute dispute) {}

  public Uni<Issued> issue(InvoiceCommand.Issue command) {
    return run(new IssueInvoice(command));
  }

  public Uni<Paid> recordPayment(InvoiceCommand.RecordPayment command) {
    return run(
        new OnInvoice<Paid>(command.tenant(), command.invoiceId()) {
          @Override
          public Decision<Paid> decide(Dated state) {
            PaymentOutcome outcome =
                InvoiceDecider.recordPayment(
                    state.invoice(),
                    UUID.randomUUID(),
                    command.reference(),
                    command.amount(),
                    command.paidOn(),
                    state.today());
            if (outcome instanceof PaymentOutcome.AlreadyRecorded again) {
              return Decision.none(new Paid(state.invoice(), again.existing(), false));
            }
            PaymentOutcome.Recorded recorded = (PaymentOutcome.Recorded) outcome;
            Invoice after = fold(state.invoice(), recorded.events());
            return new Decision<>(
                pending(state.invoice(), recorded.events(), state.today(), null),
                new Paid(after, recorded.event(), true));
          }

          @Override
          Invoice after(Paid paid) {
            return paid.invoice();
          }

          @Override
          void count(Paid paid) {
            registry
                .counter("relance.payments.recorded", "status", paid.payment().status().name())
                .increment();
          }
        });
  }

  /** Opens a dispute on the invoice, dated by the tenant's business clock. */
  public Uni<DisputeChanged> openDispute(InvoiceCommand.OpenDispute command) {
    return run(
        new OnInvoice<DisputeChanged>(command.tenant(), command.invoiceId()) {
          @Override
          public Decision<DisputeChanged> decide(Dated state) {
            InvoiceEvent.InvoiceDisputed opened =
                InvoiceDecider.openDispute(
                    state.invoice(),
                    UUID.randomUUID(),
                    command.category(),
                    command.reason(),
                    command.amountDisputed(),
                    command.actor(),
                    state.today());
            return disputeChanged(state, opened, opened.disputeId());
          }

          @Override
          Invoice after(DisputeChanged changed) {
            return changed.invoice();
          }

          @Override
          void count(DisputeChanged changed) {
            registry
                .counter("relance.disputes.opened", "category", changed.dispute().category().name())
                .increment();
          }
        });
  }

  /** Resolves the open dispute, dated by the tenant's business clock. */
  public Uni<DisputeChanged> resolveDispute(InvoiceCommand.ResolveDispute command) {
    return run(
        new OnInvoice<DisputeChanged>(command.tenant(), command.invoiceId()) {
          @Override
          public Decision<DisputeChanged> decide(Dated state) {
            InvoiceEvent.InvoiceDisputeResolved resolved =
                InvoiceDecider.resolveDispute(
                    state.invoice(),
                    command.disputeId(),
                    command.outcome(),
                    command.note(),
                    command.actor(),
                    state.today());
            return disputeChanged(state, resolved, resolved.disputeId());
          }

          @Override
          Invoice after(DisputeChanged changed) {
            return changed.invoice();
          }

          @Override
          void count(DisputeChanged changed) {
            registry
                .counter(
                    "relance.disputes.resolved",
                    "outcome",
                    changed.dispute().resolution().outcome().name())
                .increment();
          }
        });
  }

  private Decision<DisputeChanged> disputeChanged(Dated state, InvoiceEvent event, UUID disputeId) {
    Invoice after = state.invoice().evolve(event);
    return new Decision<>(
        pending(state.invoice(), List.of(event), state.today(), null),
        new DisputeChanged(after, after.dispute(disputeId).orElseThrow()));
  }

  public Uni<Invoice> get(String tenant, UUID invoiceId) {
    return pool.withConnection(c -> find(c, tenant, invoiceId));
  }

  /**
   * Appends the {@code DueDatePassed} of every open invoice of the tenant due before {@code date},
   * inside the tick's transaction (before the tick itself). Not a pipeline command: it decides for
   * many streams, and appending must come before any write of the transaction, so every invoice's
   * events are appended first and the read model is written after.
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
                loadInvoice(tx, id)
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
                              .replaceWith(Optional.of(fold(invoice, events)));
                        }))
        .filter(Optional::isPresent)
        .map(Optional::get)
        .collect()
        .asList()
        .flatMap(
            changed ->
                Multi.createFrom()
                    .iterable(changed)
                    .onItem()
                    .transformToUniAndConcatenate(invoice -> save(tx, invoice))
                    .collect()
                    .asList()
                    .replaceWith(changed.size()));
  }

  /**
   * Runs a command; besides the version races the pipeline retries, two identical posts racing
   * collide on the read model's unique invoice number: the loser runs again and finds the winner's
   * invoice.
   */
  private <S, R> Uni<R> run(Command<S, R> command) {
    return pipeline
        .run(command)
        .onFailure(InvoiceCommands::isUniqueViolation)
        .retry()
        .withBackOff(Duration.ofMillis(20))
        .atMost(3);
  }

  private static boolean isUniqueViolation(Throwable t) {
    return t instanceof io.vertx.pgclient.PgException pg && "23505".equals(pg.getSqlState());
  }

  /** An invoice and the tenant's business date, read under the tenant's shared clock lock. */
  record Dated(Invoice invoice, LocalDate today) {}

  /**
   * A command on an invoice that exists: loaded under the clock lock (404 for another tenant's),
   * projected into the read model with its content hash unchanged.
   */
  private abstract class OnInvoice<R> implements Command<Dated, R> {

    private final String tenant;
    private final UUID invoiceId;

    OnInvoice(String tenant, UUID invoiceId) {
      this.tenant = tenant;
      this.invoiceId = invoiceId;
    }

    /** The invoice after the decision, for the read model. */
    abstract Invoice after(R result);

    /** Counts what was recorded, once it is part of the transaction. */
    abstract void count(R result);

    @Override
    public Uni<Loaded<Dated>> load(SqlConnection tx) {
      return clock
          .lock(tx, tenant, false)
          .flatMap(v -> find(tx, tenant, invoiceId))
          .flatMap(
              invoice ->
                  clock
                      .today(tx, tenant)
                      .map(
                          today ->
                              new Loaded<>(
                                  invoiceId.toString(),
                                  invoice.version(),
                                  new Dated(invoice, today))));
    }

    @Override
    public Uni<Void> project(
        SqlConnection tx, Loaded<Dated> loaded, Decision<R> decision, List<CloudEvent> appended) {
      if (appended.isEmpty()) {
        return Uni.createFrom().voidItem();
      }
      return save(tx, after(decision.result())).invoke(() -> count(decision.result()));
    }
  }

  /** The invoice a post names by its number, if known, or the id and date of a new one. */
  record Intake(Invoice known, String knownHash, UUID newId, LocalDate today) {}

  /** Posting an invoice: a new one, or the identical re-post of a known one. */
  private final class IssueInvoice implements Command<Intake, Issued> {

    private final InvoiceCommand.Issue command;
    private final String contentHash;

    IssueInvoice(InvoiceCommand.Issue command) {
      this.command = command;
      this.contentHash = InvoiceEventCodec.contentHash(command.tenant(), command.terms());
    }

    @Override
    public Uni<Loaded<Intake>> load(SqlConnection tx) {
      String tenant = command.tenant();
      return clock
          .lock(tx, tenant, false)
          .flatMap(v -> projection.findByNumber(tx, tenant, command.terms().invoiceNumber()))
          .flatMap(
              known -> {
                if (known.isPresent()) {
                  UUID id = known.get().id();
                  return loadInvoice(tx, id)
                      .map(
                          invoice ->
                              new Loaded<>(
                                  id.toString(),
                                  invoice.version(),
                                  new Intake(invoice, known.get().contentHash(), null, null)));
                }
                UUID id = UUID.randomUUID();
                return clock
                    .today(tx, tenant)
                    .map(
                        today -> new Loaded<>(id.toString(), 0, new Intake(null, null, id, today)));
              });
    }

    @Override
    public Decision<Issued> decide(Intake intake) {
      if (intake.known() != null) {
        if (!intake.knownHash().equals(contentHash)) {
          throw Refusal.conflict(
              "invoice "
                  + command.terms().invoiceNumber()
                  + " was already posted with different content (id "
                  + intake.known().id()
                  + ")");
        }
        return Decision.none(new Issued(intake.known(), false));
      }
      List<InvoiceEvent> events =
          InvoiceDecider.issue(intake.newId(), command.tenant(), command.terms(), intake.today());
      return new Decision<>(
          pending(Invoice.NONE, events, intake.today(), null),
          new Issued(Invoice.fold(events), true));
    }

    @Override
    public Uni<Void> project(
        SqlConnection tx,
        Loaded<Intake> loaded,
        Decision<Issued> decision,
        List<CloudEvent> appended) {
      if (appended.isEmpty()) {
        return Uni.createFrom().voidItem();
      }
      return clock
          .ensure(tx, command.tenant(), loaded.state().today())
          .flatMap(v -> projection.save(tx, decision.result().invoice(), contentHash))
          .invoke(() -> registry.counter("relance.invoices.issued").increment());
    }
  }

  /** Writes the invoice's row, keeping the content hash its first post recorded. */
  private Uni<Void> save(SqlClient tx, Invoice invoice) {
    return projection
        .contentHash(tx, invoice.id())
        .flatMap(hash -> projection.save(tx, invoice, hash.orElseThrow()));
  }

  private Uni<Invoice> find(SqlClient client, String tenant, UUID invoiceId) {
    return loadInvoice(client, invoiceId)
        .map(
            invoice -> {
              if (!invoice.exists() || !invoice.tenant().equals(tenant)) {
                throw Refusal.notFound("no invoice " + invoiceId + " for tenant " + tenant);
              }
              return invoice;
            });
  }

  private Uni<Invoice> loadInvoice(SqlClient client, UUID invoiceId) {
    return store
        .readStream(client, invoiceId.toString())
        .map(
            events ->
                Invoice.fold(events.stream().map(InvoiceEventCodec::fromCloudEvent).toList()));
  }

  private static Invoice fold(Invoice from, List<InvoiceEvent> events) {
    Invoice state = from;
    for (InvoiceEvent e : events) {
      state = state.evolve(e);
    }
    return state;
  }

  private static List<PendingEvent> pending(
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
                  causation)
              // dispute reasons and notes are the debtor's personal data: sealed under its key
              .about(state.terms().debtor().id()));
    }
    return pending;
  }
}
