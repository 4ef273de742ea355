package org.relance.dunning.plan.application;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.relance.contracts.CloudEvent;
import org.relance.contracts.EventType;
import org.relance.contracts.Refusal;
import org.relance.contracts.events.DunningPlanPublished;
import org.relance.contracts.events.DunningSegmentsPublished;
import org.relance.contracts.events.EventData;
import org.relance.dunning.cases.persistence.CaseRepository;
import org.relance.dunning.plan.domain.DunningPlan;
import org.relance.dunning.plan.domain.Segments;
import org.relance.dunning.plan.persistence.PlanCodec;
import org.relance.dunning.plan.persistence.PlanRepository;
import org.relance.platform.command.CommandPipeline;
import org.relance.platform.eventstore.PendingEvent;
import org.relance.platform.http.Problem;
import org.relance.platform.http.ProblemException;

/**
 * Dunning plans and segment rules as data. Publishing appends a {@code DunningPlanPublished} (or
 * {@code DunningSegmentsPublished}) event: a new version, never an edit, so invoices keep the
 * version they started with and a replay decides as it did then.
 */
@ApplicationScoped
public class PlanCatalogue {

  private final Pool pool;
  private final CommandPipeline pipeline;
  private final PlanRepository plans;
  private final CaseRepository cases;

  public PlanCatalogue(
      Pool pool, CommandPipeline pipeline, PlanRepository plans, CaseRepository cases) {
    this.pool = pool;
    this.pipeline = pipeline;
    this.plans = plans;
    this.cases = cases;
  }

  /**
   * The tenant's plans, latest version of each (built-in ones included), as their publication shows
   * them (without who published them and when).
   */
  public Uni<List<DunningPlanPublished>> latestOfEach(String tenant) {
    return pool.withConnection(c -> plans.load(c, tenant))
        .map(p -> p.latestOfEach().stream().map(plan -> document(tenant, plan)).toList());
  }

  /** Every version of a plan, oldest first, or a 404. */
  public Uni<List<DunningPlanPublished>> versions(String tenant, String planId) {
    return pool.withConnection(c -> plans.load(c, tenant))
        .map(
            p -> {
              List<DunningPlan> versions = p.versions(planId);
              if (versions.isEmpty()) {
                throw Refusal.notFound("no plan " + planId + " for tenant " + tenant);
              }
              return versions.stream().map(plan -> document(tenant, plan)).toList();
            });
  }

  /** The segment rules in force. */
  public Uni<DunningSegmentsPublished> segments(String tenant) {
    return pool.withConnection(c -> plans.load(c, tenant))
        .map(p -> PlanCodec.segmentsRecord(tenant, p.segments(), null, null));
  }

  private static DunningPlanPublished document(String tenant, DunningPlan plan) {
    return PlanCodec.planRecord(tenant, plan, null, null);
  }

  /** Publishes the plan's next version; answers it as published. */
  public Uni<DunningPlanPublished> publish(String tenant, PlanCommand.PublishPlan command) {
    return pipeline.run(new PlanVersion(tenant, command));
  }

  /** Publishes the rules' next version; answers them as published. */
  public Uni<DunningSegmentsPublished> publish(String tenant, PlanCommand.PublishSegments command) {
    return pipeline.run(new SegmentsVersion(tenant, command));
  }

  /** What a publication decides on: the tenant's plans and rules, and the business date. */
  record Catalogue(PlanRepository.TenantPlans plans, LocalDate today) {}

  /** Publishes the next version of something on a stream of its own. */
  private abstract class Publication<T extends EventData>
      implements CommandPipeline.Command<Catalogue, T> {

    final String tenant;
    final String stream;

    Publication(String tenant, String stream) {
      this.tenant = tenant;
      this.stream = stream;
    }

    @Override
    public Uni<CommandPipeline.Loaded<Catalogue>> load(SqlConnection tx) {
      return pipeline
          .loadStream(tx, stream, CloudEvent::id, 0, (n, id) -> n + 1)
          .flatMap(
              loaded ->
                  plans
                      .load(tx, tenant)
                      .flatMap(
                          existing ->
                              today(tx)
                                  .map(
                                      today ->
                                          new CommandPipeline.Loaded<>(
                                              stream,
                                              loaded.version(),
                                              new Catalogue(existing, today)))));
    }

    /**
     * The business date a publication belongs to: dunning's for the tenant. Before dunning has
     * decided any day of the tenant, no invoice's plan has been chosen yet, so the publication is
     * in force from the start: 1970-01-01 (the wall-clock date would be wrong under a manual clock,
     * which starts in the past, and would keep the plan from ever applying).
     */
    private Uni<LocalDate> today(SqlConnection c) {
      return cases.today(c, tenant).map(t -> t.orElse(LocalDate.EPOCH));
    }

    PendingEvent event(EventType type, T data, LocalDate day, String idKey) {
      return new PendingEvent(
          PendingEvent.deterministicId(idKey), type, stream, data, tenant, day, null, null);
    }

    /** The read model keeps the version as published, in the same transaction. */
    @Override
    public Uni<Void> project(
        SqlConnection tx,
        CommandPipeline.Loaded<Catalogue> loaded,
        CommandPipeline.Decision<T> decision,
        List<CloudEvent> appended) {
      return save(tx, appended.get(0).data());
    }

    abstract Uni<Void> save(SqlConnection tx, JsonNode published);
  }

  private final class PlanVersion extends Publication<DunningPlanPublished> {

    private final PlanCommand.PublishPlan command;

    PlanVersion(String tenant, PlanCommand.PublishPlan command) {
      super(tenant, tenant + "/plan/" + command.planId());
      this.command = command;
    }

    @Override
    public CommandPipeline.Decision<DunningPlanPublished> decide(Catalogue catalogue) {
      int version =
          catalogue.plans().latest(command.planId()).map(DunningPlan::version).orElse(0) + 1;
      DunningPlan plan =
          new DunningPlan(
              command.planId(),
              version,
              command.name(),
              command.description(),
              command.steps(),
              command.settings());
      DunningPlanPublished published =
          PlanCodec.planRecord(tenant, plan, command.actor(), catalogue.today());
      return new CommandPipeline.Decision<>(
          List.of(
              event(
                  EventType.DUNNING_PLAN_PUBLISHED,
                  published,
                  catalogue.today(),
                  "DunningPlanPublished|" + stream + "|" + version)),
          published);
    }

    @Override
    Uni<Void> save(SqlConnection tx, JsonNode published) {
      return plans.savePlan(tx, published);
    }
  }

  private final class SegmentsVersion extends Publication<DunningSegmentsPublished> {

    private final PlanCommand.PublishSegments command;

    SegmentsVersion(String tenant, PlanCommand.PublishSegments command) {
      super(tenant, tenant + "/segments");
      this.command = command;
    }

    @Override
    public CommandPipeline.Decision<DunningSegmentsPublished> decide(Catalogue catalogue) {
      Set<String> known = new HashSet<>();
      catalogue.plans().latestOfEach().forEach(p -> known.add(p.id()));
      List<DunningPlan.Fault> faults =
          Segments.faults(command.rules(), command.defaultPlanId(), known);
      if (!faults.isEmpty()) {
        // a bad rule set is a bad request (400 naming each fault), as a bad plan is
        throw ProblemException.invalid(
            faults.stream().map(x -> new Problem.FieldError(x.field(), x.reason())).toList());
      }
      Segments segments =
          new Segments(
              catalogue.plans().segments().version() + 1, command.rules(), command.defaultPlanId());
      DunningSegmentsPublished published =
          PlanCodec.segmentsRecord(tenant, segments, command.actor(), catalogue.today());
      return new CommandPipeline.Decision<>(
          List.of(
              event(
                  EventType.DUNNING_SEGMENTS_PUBLISHED,
                  published,
                  catalogue.today(),
                  "DunningSegmentsPublished|" + stream + "|" + segments.version())),
          published);
    }

    @Override
    Uni<Void> save(SqlConnection tx, JsonNode published) {
      return plans.saveSegments(tx, published);
    }
  }
}
