package org.relance.dunning.plan.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.relance.contracts.EventType;
import org.relance.dunning.cases.persistence.CaseRepository;
import org.relance.dunning.plan.domain.Channel;
import org.relance.dunning.plan.domain.DunningPlan;
import org.relance.dunning.plan.domain.PlanSettings;
import org.relance.dunning.plan.domain.SegmentRule;
import org.relance.dunning.plan.domain.Segments;
import org.relance.dunning.plan.domain.Step;
import org.relance.dunning.plan.domain.Tone;
import org.relance.dunning.plan.persistence.PlanCodec;
import org.relance.dunning.plan.persistence.PlanRepository;
import org.relance.platform.eventstore.EventStore;
import org.relance.platform.eventstore.PendingEvent;
import org.relance.platform.http.Fields;
import org.relance.platform.http.Problem;
import org.relance.platform.http.ProblemException;
import org.relance.platform.security.Caller;
import org.relance.platform.security.Roles;

/**
 * Dunning plans and segment rules as data. Publishing appends a {@code DunningPlanPublished} (or
 * {@code DunningSegmentsPublished}) event: a new version, never an edit, so invoices keep the
 * version they started with and a replay decides as it did then.
 */
@Path("/api/v1/dunning")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class PlanResource {

  @Inject Caller caller;

  private final Pool pool;
  private final PlanRepository plans;
  private final CaseRepository cases;
  private final EventStore store;

  public PlanResource(Pool pool, PlanRepository plans, CaseRepository cases, EventStore store) {
    this.pool = pool;
    this.plans = plans;
    this.cases = cases;
    this.store = store;
  }

  @GET
  @Path("/plans")
  @Operation(summary = "The tenant's plans, latest version of each (built-in ones included)")
  @RolesAllowed({Roles.ERP, Roles.CREDIT_MANAGER, Roles.COLLECTOR, Roles.VIEWER})
  public Uni<List<JsonNode>> list() {
    String tenant = caller.tenant();
    return pool.withConnection(c -> plans.load(c, tenant))
        .map(
            p ->
                p.latestOfEach().stream()
                    .map(plan -> (JsonNode) PlanCodec.planData(tenant, plan, "-", LocalDate.EPOCH))
                    .map(PlanResource::withoutPublication)
                    .toList());
  }

  @GET
  @Path("/plans/{planId}")
  @Operation(summary = "Every version of a plan, oldest first")
  @RolesAllowed({Roles.ERP, Roles.CREDIT_MANAGER, Roles.COLLECTOR, Roles.VIEWER})
  public Uni<List<JsonNode>> versions(@PathParam("planId") String planId) {
    String tenant = caller.tenant();
    return pool.withConnection(c -> plans.load(c, tenant))
        .map(
            p -> {
              List<DunningPlan> versions = p.versions(planId);
              if (versions.isEmpty()) {
                throw ProblemException.notFound("no plan " + planId + " for tenant " + tenant);
              }
              return versions.stream()
                  .map(
                      plan ->
                          withoutPublication(
                              PlanCodec.planData(tenant, plan, "-", LocalDate.EPOCH)))
                  .toList();
            });
  }

  @POST
  @Path("/plans")
  @Operation(
      summary =
          "Publish a plan, or a new version of one (the version is the next one). A bad plan is a"
              + " 400 naming each fault")
  @RolesAllowed(Roles.CREDIT_MANAGER)
  public Uni<Response> publish(
      @RequestBody(content = @Content(schema = @Schema(implementation = PlanSchemas.Plan.class)))
          JsonNode body) {
    String tenant = caller.tenant();
    Fields f = new Fields(body);
    String actor = caller.actor();
    String planId = f.text("planId", true);
    String name = f.text("name", true);
    String description = f.freeText("description", false);
    List<Step> steps = new ArrayList<>();
    List<Fields> stepFields = f.objects("steps");
    for (Fields s : stepFields) {
      Integer offset = s.integer("offsetDays", true);
      Integer response = s.integer("responseDays", false);
      steps.add(
          new Step(
              s.text("name", true),
              offset == null ? 0 : offset,
              s.choice("channel", true, Channel.class),
              s.text("template", true),
              s.choice("tone", true, Tone.class),
              response == null ? 0 : response));
    }
    Fields st = f.object("settings", false);
    Integer attempts = st.integer("maxCallAttempts", false);
    Integer grace = st.integer("paymentGraceDays", false);
    BigDecimal minimum = st.decimal("escalationMinimum", false);
    PlanSettings settings =
        new PlanSettings(
            st.present("dunPenaltiesAlone")
                && body.path("settings").path("dunPenaltiesAlone").asBoolean(),
            minimum == null ? BigDecimal.ZERO : minimum,
            attempts == null ? 3 : attempts,
            !st.present("groupByDebtor") || body.path("settings").path("groupByDebtor").asBoolean(),
            grace == null ? PlanSettings.DEFAULT_GRACE_DAYS : grace);
    f.throwIfInvalid();
    List<DunningPlan.Fault> faults = DunningPlan.faults(planId, name, steps, settings);
    if (!faults.isEmpty()) {
      throw ProblemException.invalid(
          faults.stream().map(x -> new Problem.FieldError(x.field(), x.reason())).toList());
    }
    return pool.withTransaction(
            tx ->
                plans
                    .load(tx, tenant)
                    .flatMap(
                        existing -> {
                          int version =
                              existing.latest(planId).map(DunningPlan::version).orElse(0) + 1;
                          DunningPlan plan =
                              new DunningPlan(planId, version, name, description, steps, settings);
                          return today(tx, tenant)
                              .flatMap(
                                  today -> {
                                    JsonNode data = PlanCodec.planData(tenant, plan, actor, today);
                                    String stream = tenant + "/plan/" + planId;
                                    return append(
                                            tx,
                                            stream,
                                            EventType.DUNNING_PLAN_PUBLISHED,
                                            data,
                                            tenant,
                                            today,
                                            "DunningPlanPublished|" + stream + "|" + version)
                                        .flatMap(v -> plans.savePlan(tx, data))
                                        .replaceWith(data);
                                  });
                        }))
        .map(
            data ->
                Response.created(URI.create("/api/v1/dunning/plans/" + data.get("planId").asText()))
                    .entity(data)
                    .build());
  }

  @GET
  @Path("/segments")
  @Operation(summary = "The rules that choose each new invoice's plan (first match wins)")
  @RolesAllowed({Roles.ERP, Roles.CREDIT_MANAGER, Roles.COLLECTOR, Roles.VIEWER})
  public Uni<JsonNode> segments() {
    String tenant = caller.tenant();
    return pool.withConnection(c -> plans.load(c, tenant))
        .map(
            p ->
                withoutPublication(
                    PlanCodec.segmentsData(tenant, p.segments(), "-", LocalDate.EPOCH)));
  }

  @PUT
  @Path("/segments")
  @Operation(
      summary = "Publish a new version of the segment rules; invoices already in a plan keep it")
  @RolesAllowed(Roles.CREDIT_MANAGER)
  public Uni<JsonNode> publishSegments(
      @RequestBody(
              content = @Content(schema = @Schema(implementation = PlanSchemas.Segments.class)))
          JsonNode body) {
    String tenant = caller.tenant();
    Fields f = new Fields(body);
    String actor = caller.actor();
    String defaultPlanId = f.text("defaultPlanId", true);
    List<SegmentRule> rules = new ArrayList<>();
    for (Fields r : f.objects("rules")) {
      Fields w = r.object("when", false);
      rules.add(
          new SegmentRule(
              r.text("name", true),
              r.text("planId", true),
              w.decimal("minAmount", false),
              w.decimal("maxAmount", false),
              w.texts("currencies"),
              w.texts("segments"),
              w.integer("minLatePaymentsLast12Months", false)));
    }
    f.throwIfInvalid();
    return pool.withTransaction(
        tx ->
            plans
                .load(tx, tenant)
                .flatMap(
                    existing -> {
                      Set<String> known = new HashSet<>();
                      existing.latestOfEach().forEach(p -> known.add(p.id()));
                      List<DunningPlan.Fault> faults = Segments.faults(rules, defaultPlanId, known);
                      if (!faults.isEmpty()) {
                        throw ProblemException.invalid(
                            faults.stream()
                                .map(x -> new Problem.FieldError(x.field(), x.reason()))
                                .toList());
                      }
                      Segments segments =
                          new Segments(existing.segments().version() + 1, rules, defaultPlanId);
                      return today(tx, tenant)
                          .flatMap(
                              today -> {
                                JsonNode data =
                                    PlanCodec.segmentsData(tenant, segments, actor, today);
                                String stream = tenant + "/segments";
                                return append(
                                        tx,
                                        stream,
                                        EventType.DUNNING_SEGMENTS_PUBLISHED,
                                        data,
                                        tenant,
                                        today,
                                        "DunningSegmentsPublished|"
                                            + stream
                                            + "|"
                                            + segments.version())
                                    .flatMap(v -> plans.saveSegments(tx, data))
                                    .replaceWith(data);
                              });
                    }));
  }

  private Uni<Void> append(
      SqlConnection tx,
      String stream,
      EventType type,
      JsonNode data,
      String tenant,
      LocalDate day,
      String idKey) {
    return store
        .readStream(tx, stream)
        .flatMap(
            stored ->
                store.append(
                    tx,
                    stream,
                    stored.size(),
                    List.of(
                        new PendingEvent(
                            PendingEvent.deterministicId(idKey),
                            type,
                            stream,
                            data,
                            tenant,
                            day,
                            null,
                            null))))
        .replaceWithVoid();
  }

  /**
   * The business date a publication belongs to: dunning's for the tenant. Before dunning has
   * decided any day of the tenant, no invoice's plan has been chosen yet, so the publication is in
   * force from the start: 1970-01-01 (the wall-clock date would be wrong under a manual clock,
   * which starts in the past, and would keep the plan from ever applying).
   */
  private Uni<LocalDate> today(SqlConnection c, String tenant) {
    return cases.today(c, tenant).map(t -> t.orElse(LocalDate.EPOCH));
  }

  private static JsonNode withoutPublication(JsonNode data) {
    var copy = ((com.fasterxml.jackson.databind.node.ObjectNode) data).deepCopy();
    copy.remove("publishedBy");
    copy.remove("publishedOn");
    return copy;
  }
}
