package org.relance.dunning.cases.application;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.relance.contracts.CloudEvent;
import org.relance.contracts.EventType;
import org.relance.contracts.Refusal;
import org.relance.dunning.calendar.application.CreditorCountries;
import org.relance.dunning.cases.domain.CaseCommand;
import org.relance.dunning.cases.domain.DayContext;
import org.relance.dunning.cases.domain.DunningCase;
import org.relance.dunning.cases.domain.DunningCommands;
import org.relance.dunning.cases.domain.DunningEvent;
import org.relance.dunning.cases.persistence.CaseRepository;
import org.relance.dunning.cases.persistence.TaskRepository;
import org.relance.dunning.plan.persistence.PlanRepository;
import org.relance.platform.command.CommandPipeline;
import org.relance.platform.eventstore.EventStore;
import org.relance.platform.eventstore.PendingEvent;

/**
 * Runs a credit manager's or a collector's command on one invoice through the platform's command
 * pipeline: load the case, decide (pure, {@link DunningCommands#decide}), append, update the
 * projections, in one transaction; a race with the day runner decides it again on the new state.
 */
@ApplicationScoped
public class CaseCommands {

  private final CommandPipeline pipeline;
  private final Pool pool;
  private final Cases cases;
  private final CaseRepository rows;
  private final TaskRepository tasks;
  private final PlanRepository plans;
  private final CreditorCountries countries;
  private final EventStore store;

  public CaseCommands(
      CommandPipeline pipeline,
      Pool pool,
      Cases cases,
      CaseRepository rows,
      TaskRepository tasks,
      PlanRepository plans,
      CreditorCountries countries,
      EventStore store) {
    this.pipeline = pipeline;
    this.pool = pool;
    this.cases = cases;
    this.rows = rows;
    this.tasks = tasks;
    this.plans = plans;
    this.countries = countries;
    this.store = store;
  }

  /**
   * The outcome of a command: the case after it and the events it recorded, as published.
   *
   * @param replayed the command had been recorded already (same Idempotency-Key): nothing new
   */
  public record Done(
      DunningCase after, List<CloudEvent> appended, LocalDate day, boolean replayed) {}

  public Uni<Done> run(String tenant, UUID invoiceId, CaseCommand command) {
    return run(tenant, invoiceId, command, null);
  }

  /**
   * Runs a command that an {@code Idempotency-Key} can make repeatable: when the event it records
   * ({@code once}, derived from the key) is stored already, the stored one is answered and nothing
   * is decided again.
   *
   * @param once the id of the event the command records; null for a command sent once
   */
  public Uni<Done> run(String tenant, UUID invoiceId, CaseCommand command, UUID once) {
    OnCase onCase = new OnCase(tenant, invoiceId, command, once);
    return pipeline
        .run(onCase)
        .map(
            decided ->
                new Done(
                    decided.after(),
                    decided.replayed().map(List::of).orElse(onCase.appended),
                    decided.day(),
                    decided.replayed().isPresent()));
  }

  /**
   * What a creating command recorded: the new id (of the promise, the pause...) and the outcome.
   */
  public record Created(UUID id, Done done) {}

  /**
   * Runs a command that creates something (a promise, a payment plan, a pause) under a new id:
   * random, or derived from the client's {@code Idempotency-Key}, so that the same request sent
   * again finds what it recorded the first time and answers that.
   *
   * @param invoiceIdAsSent the invoice id as the request spelled it, which the key's id derives
   *     from
   * @param idempotencyKey the client's key (the API checked its length), or null
   * @param kind what is created, as the API's path names it ("promises")
   * @param created the type of the event the command records, whose id derives from the new id
   * @param command the command, given the new id
   */
  public Uni<Created> create(
      String tenant,
      UUID invoiceId,
      String invoiceIdAsSent,
      String kind,
      EventType created,
      String idempotencyKey,
      Function<UUID, CaseCommand> command) {
    UUID newId;
    UUID once;
    if (idempotencyKey == null || idempotencyKey.isBlank()) {
      newId = UUID.randomUUID();
      once = idempotencyKey == null ? null : eventIdOf(created, newId);
    } else {
      newId =
          PendingEvent.deterministicId(
              "Idempotency", tenant, invoiceIdAsSent, kind, idempotencyKey);
      once = eventIdOf(created, newId);
    }
    return run(tenant, invoiceId, command.apply(newId), once).map(done -> new Created(newId, done));
  }

  private static UUID eventIdOf(EventType created, UUID newId) {
    return PendingEvent.deterministicId(created.typeName() + "|" + newId);
  }

  /** A call's outcome, on the invoice whose call task it is (404 for another tenant's task). */
  public Uni<Done> recordCallOutcome(String tenant, CaseCommand.RecordCallOutcome command) {
    return pool.withConnection(c -> tasks.find(c, tenant, command.taskId()))
        .flatMap(
            task -> {
              if (task.isEmpty()) {
                throw Refusal.notFound("no call task " + command.taskId());
              }
              return run(tenant, task.get().invoiceId(), command);
            });
  }

  /** What a command decides on: the case, the tenant's plans, the business date. */
  record Situation(
      Cases.Loaded loaded,
      PlanRepository.TenantPlans plans,
      LocalDate today,
      Optional<CloudEvent> recordedAlready) {}

  /** A command decided: the case after it, or the stored event of an earlier identical request. */
  record Decided(
      DunningCase after, List<DunningEvent> events, LocalDate day, Optional<CloudEvent> replayed) {}

  /** One command on one invoice's stream. */
  private final class OnCase implements CommandPipeline.Command<Situation, Decided> {

    private final String tenant;
    private final UUID invoiceId;
    private final CaseCommand command;
    private final UUID once;

    /** The events the last attempt appended, as published: the answer shows them. */
    private List<CloudEvent> appended = List.of();

    private OnCase(String tenant, UUID invoiceId, CaseCommand command, UUID once) {
      this.tenant = tenant;
      this.invoiceId = invoiceId;
      this.command = command;
      this.once = once;
    }

    @Override
    public Uni<CommandPipeline.Loaded<Situation>> load(SqlConnection tx) {
      return loadOwned(tx, tenant, invoiceId)
          .flatMap(loaded -> situation(tx, loaded))
          .map(
              s ->
                  new CommandPipeline.Loaded<>(
                      invoiceId.toString(), s.loaded().stored().size(), s));
    }

    private Uni<Situation> situation(SqlConnection tx, Cases.Loaded loaded) {
      return plans
          .load(tx, tenant)
          .flatMap(
              tenantPlans ->
                  today(tx, tenant, loaded)
                      .flatMap(
                          today ->
                              recorded(tx)
                                  .map(
                                      already ->
                                          new Situation(loaded, tenantPlans, today, already))));
    }

    private Uni<Optional<CloudEvent>> recorded(SqlConnection tx) {
      return once == null ? Uni.createFrom().item(Optional.empty()) : store.find(tx, once);
    }

    @Override
    public CommandPipeline.Decision<Decided> decide(Situation s) {
      DunningCase before = s.loaded().dunning();
      if (s.recordedAlready().isPresent()) {
        return CommandPipeline.Decision.none(
            new Decided(before, List.of(), s.today(), s.recordedAlready()));
      }
      List<DunningEvent> events = DunningCommands.decide(before, command, s.today(), s.plans());
      return new CommandPipeline.Decision<>(
          cases.pending(s.loaded(), events, recording(s)),
          new Decided(before.evolve(events), events, s.today(), Optional.empty()));
    }

    @Override
    public Uni<Void> project(
        SqlConnection tx,
        CommandPipeline.Loaded<Situation> loaded,
        CommandPipeline.Decision<Decided> decision,
        List<CloudEvent> stored) {
      appended = stored;
      if (decision.result().replayed().isPresent()) {
        return Uni.createFrom().voidItem();
      }
      Situation s = loaded.state();
      return cases.project(tx, s.loaded(), decision.result().events(), stored, recording(s));
    }

    private Cases.Recording recording(Situation s) {
      DayContext ctx =
          new DayContext(countries.calendar(tenant), s.plans(), s.plans().segments(), 0);
      return Cases.Recording.command(
          s.today(), ctx, command instanceof CaseCommand.RetryStep r ? r.actor() : null);
    }
  }

  /** The case of an invoice of the tenant, or a 404. */
  public Uni<Cases.Loaded> loadOwned(SqlConnection c, String tenant, UUID invoiceId) {
    return cases
        .load(c, invoiceId)
        .map(
            found -> {
              if (found.isEmpty() || !tenant.equals(found.get().facts().tenant())) {
                throw Refusal.notFound(
                    "no dunning case for invoice " + invoiceId + " (tenant " + tenant + ")");
              }
              return found.get();
            });
  }

  /** Dunning's business date for the tenant (the invoice's issue date before the first tick). */
  public Uni<LocalDate> today(SqlConnection c, String tenant, Cases.Loaded loaded) {
    return rows.today(c, tenant)
        .map(
            today ->
                today.orElse(
                    loaded.row().lastDecidedDay() != null
                        ? loaded.row().lastDecidedDay()
                        : loaded.facts().issueDate()));
  }
}
