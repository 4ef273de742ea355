package org.relance.dunning.plan.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
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
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.relance.contracts.EventCodec;
import org.relance.contracts.events.DunningPlanPublished;
import org.relance.dunning.plan.application.PlanCatalogue;
import org.relance.dunning.plan.application.PlanCommand;
import org.relance.dunning.plan.domain.Channel;
import org.relance.dunning.plan.domain.DunningPlan;
import org.relance.dunning.plan.domain.PlanSettings;
import org.relance.dunning.plan.domain.SegmentRule;
import org.relance.dunning.plan.domain.Step;
import org.relance.dunning.plan.domain.Tone;
import org.relance.platform.http.Fields;
import org.relance.platform.http.Problem;
import org.relance.platform.http.ProblemException;
import org.relance.platform.security.Caller;
import org.relance.platform.security.Roles;

/** Dunning plans and segment rules as data, published as new versions ({@link PlanCatalogue}). */
@Path("/api/v1/dunning")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class PlanResource {

  @Inject Caller caller;

  private final PlanCatalogue catalogue;

  public PlanResource(PlanCatalogue catalogue) {
    this.catalogue = catalogue;
  }

  @GET
  @Path("/plans")
  @Operation(summary = "The tenant's plans, latest version of each (built-in ones included)")
  @RolesAllowed({Roles.ERP, Roles.CREDIT_MANAGER, Roles.COLLECTOR, Roles.VIEWER})
  public Uni<List<JsonNode>> list() {
    return catalogue.latestOfEach(caller.tenant()).map(PlanResource::documents);
  }

  @GET
  @Path("/plans/{planId}")
  @Operation(summary = "Every version of a plan, oldest first")
  @RolesAllowed({Roles.ERP, Roles.CREDIT_MANAGER, Roles.COLLECTOR, Roles.VIEWER})
  public Uni<List<JsonNode>> versions(@PathParam("planId") String planId) {
    return catalogue.versions(caller.tenant(), planId).map(PlanResource::documents);
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
    return catalogue
        .publish(
            tenant, new PlanCommand.PublishPlan(planId, name, description, steps, settings, actor))
        .map(
            published ->
                Response.created(URI.create("/api/v1/dunning/plans/" + planId))
                    .entity(EventCodec.write(published))
                    .build());
  }

  @GET
  @Path("/segments")
  @Operation(summary = "The rules that choose each new invoice's plan (first match wins)")
  @RolesAllowed({Roles.ERP, Roles.CREDIT_MANAGER, Roles.COLLECTOR, Roles.VIEWER})
  public Uni<JsonNode> segments() {
    return catalogue.segments(caller.tenant()).map(EventCodec::write);
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
    return catalogue
        .publish(tenant, new PlanCommand.PublishSegments(rules, defaultPlanId, actor))
        .map(EventCodec::write);
  }

  /**
   * Plans as their publication shows them: the event's data as the contracts write it (amounts as
   * text with their scale), one shape for the topic and the API.
   */
  private static List<JsonNode> documents(List<DunningPlanPublished> plans) {
    return plans.stream().<JsonNode>map(EventCodec::write).toList();
  }
}
