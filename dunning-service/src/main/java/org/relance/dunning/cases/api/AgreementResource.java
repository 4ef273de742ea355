package org.relance.dunning.cases.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.relance.contracts.EventType;
import org.relance.contracts.money.Money;
import org.relance.dunning.cases.domain.DunningCommands;
import org.relance.dunning.cases.domain.DunningEvent;
import org.relance.dunning.plan.domain.DunningPlan;
import org.relance.platform.eventstore.PendingEvent;
import org.relance.platform.http.Fields;
import org.relance.platform.http.ProblemException;
import org.relance.platform.security.Caller;
import org.relance.platform.security.Roles;

/**
 * What a credit manager agrees with a debtor or decides about an invoice's dunning: promises to
 * pay, payment plans, pauses, a change of plan. Each is an event with who (the actor of the access
 * token) and why; the day's decisions react to it.
 */
@Path("/api/v1/dunning/{invoiceId}")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AgreementResource {

  @Inject Caller caller;

  private final CaseCommands commands;

  public AgreementResource(CaseCommands commands) {
    this.commands = commands;
  }

  @POST
  @Path("/promises")
  @Operation(
      summary =
          "Record a promise to pay by a date (default: the whole principal); the plan pauses until"
              + " then and resumes at the step reached if it is broken")
  @RolesAllowed(Roles.CREDIT_MANAGER)
  public Uni<Response> promise(
      @HeaderParam("Idempotency-Key") String idempotencyKey,
      @PathParam("invoiceId") String id,
      @RequestBody(
              content = @Content(schema = @Schema(implementation = RequestSchemas.Promise.class)))
          JsonNode body) {
    Fields f = new Fields(body);
    String actor = caller.actor();
    LocalDate date = f.date("promisedDate", true);
    BigDecimal amount = f.decimal("amount", false);
    String note = f.freeText("note", false);
    f.throwIfInvalid();
    return recordOnce(
        id,
        "promises",
        EventType.PROMISE_TO_PAY_RECORDED,
        idempotencyKey,
        promiseId ->
            (loaded, plans, today) ->
                DunningCommands.promise(
                    loaded.dunning(), promiseId, date, amount, today, actor, note, null));
  }

  @POST
  @Path("/payment-plans")
  @Operation(
      summary =
          "Agree a payment plan (échéancier): instalments in date order adding up to the principal"
              + " outstanding; it replaces the dunning plan until an instalment is missed")
  @RolesAllowed(Roles.CREDIT_MANAGER)
  public Uni<Response> paymentPlan(
      @HeaderParam("Idempotency-Key") String idempotencyKey,
      @PathParam("invoiceId") String id,
      @RequestBody(
              content =
                  @Content(schema = @Schema(implementation = RequestSchemas.PaymentPlan.class)))
          JsonNode body) {
    Fields f = new Fields(body);
    String actor = caller.actor();
    String note = f.freeText("note", false);
    List<Fields> items = f.objects("instalments");
    if (items.isEmpty() && !f.present("instalments")) {
      f.fault("instalments", "is required");
    }
    List<LocalDate> dates = new ArrayList<>();
    List<BigDecimal> amounts = new ArrayList<>();
    for (Fields i : items) {
      dates.add(i.date("dueDate", true));
      amounts.add(i.decimal("amount", true));
    }
    f.throwIfInvalid();
    return recordOnce(
        id,
        "payment-plans",
        EventType.PAYMENT_PLAN_AGREED,
        idempotencyKey,
        planId ->
            (loaded, plans, today) -> {
              List<DunningEvent.Instalment> instalments = new ArrayList<>();
              for (int i = 0; i < dates.size(); i++) {
                DunningCommands.checkScale(
                    "instalments[" + i + "].amount",
                    amounts.get(i),
                    loaded.facts().amount().currency());
                instalments.add(
                    new DunningEvent.Instalment(
                        dates.get(i),
                        new Money(amounts.get(i), loaded.facts().amount().currency())));
              }
              return DunningCommands.paymentPlan(
                  loaded.dunning(), planId, instalments, today, actor, note);
            });
  }

  @POST
  @Path("/pauses")
  @Operation(summary = "Pause the invoice's dunning until a date, with a reason")
  @RolesAllowed(Roles.CREDIT_MANAGER)
  public Uni<Response> pause(
      @HeaderParam("Idempotency-Key") String idempotencyKey,
      @PathParam("invoiceId") String id,
      @RequestBody(
              content = @Content(schema = @Schema(implementation = RequestSchemas.Pause.class)))
          JsonNode body) {
    Fields f = new Fields(body);
    String actor = caller.actor();
    LocalDate until = f.date("until", true);
    String reason = f.freeText("reason", true);
    f.throwIfInvalid();
    return recordOnce(
        id,
        "pauses",
        EventType.DUNNING_PAUSED,
        idempotencyKey,
        pauseId ->
            (loaded, plans, today) ->
                DunningCommands.pause(loaded.dunning(), pauseId, until, reason, today, actor));
  }

  @POST
  @Path("/pauses/{pauseId}/end")
  @Operation(summary = "End a pause before its date; the plan resumes at the step reached")
  @RolesAllowed(Roles.CREDIT_MANAGER)
  public Uni<Response> endPause(
      @PathParam("invoiceId") String id,
      @PathParam("pauseId") String pauseId,
      @RequestBody(
              content = @Content(schema = @Schema(implementation = RequestSchemas.EndPause.class)))
          JsonNode body) {
    Fields f = new Fields(body == null ? org.relance.contracts.Json.object() : body);
    String actor = caller.actor();
    String reason = f.freeText("reason", false);
    f.throwIfInvalid();
    UUID pause = uuid(pauseId, "no pause " + pauseId);
    return commands
        .run(
            caller.tenant(),
            invoice(id),
            (loaded, plans, today) ->
                DunningCommands.resume(loaded.dunning(), pause, today, actor, reason))
        .map(done -> Response.ok(summary(done)).build());
  }

  @POST
  @Path("/steps/{step}/retry")
  @Operation(
      summary =
          "Send a failed step again (a registered letter without a postal address, a refused"
              + " mailbox), on its channel or another written one; a formal notice gets a new"
              + " deadline from its new date")
  @RolesAllowed(Roles.CREDIT_MANAGER)
  public Uni<Response> retry(
      @PathParam("invoiceId") String id,
      @PathParam("step") String step,
      @RequestBody(
              content = @Content(schema = @Schema(implementation = RequestSchemas.RetryStep.class)))
          JsonNode body) {
    Fields f = new Fields(body == null ? org.relance.contracts.Json.object() : body);
    String actor = caller.actor();
    org.relance.dunning.plan.domain.Channel chosen =
        f.choice("channel", false, org.relance.dunning.plan.domain.Channel.class);
    f.throwIfInvalid();
    String tenant = caller.tenant();
    return commands
        .run(
            tenant,
            invoice(id),
            actor,
            (loaded, plans, today) ->
                DunningCommands.retryStep(loaded.dunning(), step, chosen, today, actor))
        .map(done -> created(id, "steps/" + step, done));
  }

  @POST
  @Path("/plan")
  @Operation(
      summary =
          "Move the invoice to another plan or version (a migration); the steps already taken stay"
              + " taken")
  @RolesAllowed(Roles.CREDIT_MANAGER)
  public Uni<Response> migrate(
      @PathParam("invoiceId") String id,
      @RequestBody(
              content =
                  @Content(schema = @Schema(implementation = RequestSchemas.ChangePlan.class)))
          JsonNode body) {
    Fields f = new Fields(body);
    String actor = caller.actor();
    String planId = f.text("planId", true);
    Integer version = f.integer("version", false);
    String reason = f.freeText("reason", true);
    f.throwIfInvalid();
    return commands
        .run(
            caller.tenant(),
            invoice(id),
            (loaded, plans, today) -> {
              DunningPlan target =
                  (version == null ? plans.latest(planId) : plans.find(planId, version))
                      .orElseThrow(
                          () ->
                              new DunningCommands.Refused(
                                  DunningCommands.Refused.Kind.INVALID,
                                  version == null ? "planId" : "version",
                                  "names no plan of the tenant: "
                                      + planId
                                      + (version == null ? "" : " v" + version)));
              return DunningCommands.migrate(loaded.dunning(), target, reason, today, actor);
            })
        .map(done -> Response.ok(summary(done)).build());
  }

  static UUID invoice(String id) {
    return uuid(id, "no dunning case for " + id);
  }

  static UUID uuid(String id, String notFound) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw ProblemException.notFound(notFound);
    }
  }

  private static Response created(String invoiceId, String path, CaseCommands.Done done) {
    if (done.replayed()) {
      return Response.ok(summary(done)).build(); // the same request again: what it recorded then
    }
    return Response.created(java.net.URI.create("/api/v1/dunning/" + invoiceId + "/" + path))
        .entity(summary(done))
        .build();
  }

  /**
   * Records a command that creates something (a promise, a payment plan, a pause) under a new id,
   * or, sent again with the same {@code Idempotency-Key}, answers what it recorded the first time.
   *
   * @param created the event the command records, whose id derives from the new id
   */
  private Uni<Response> recordOnce(
      String invoiceId,
      String kind,
      EventType created,
      String idempotencyKey,
      java.util.function.Function<UUID, CaseCommands.Decision> decision) {
    String tenant = caller.tenant();
    UUID newId = commandId(tenant, invoiceId, kind, idempotencyKey);
    return commands
        .runOnce(
            tenant,
            invoice(invoiceId),
            idempotencyKey == null
                ? null
                : PendingEvent.deterministicId(created.typeName() + "|" + newId),
            decision.apply(newId))
        .map(done -> created(invoiceId, kind + "/" + newId, done));
  }

  /**
   * The id of what a command creates: random, or derived from the client's {@code Idempotency-Key}
   * so that the same request sent again finds what it recorded the first time.
   */
  private static UUID commandId(String tenant, String invoiceId, String kind, String key) {
    if (key == null || key.isBlank()) {
      return UUID.randomUUID();
    }
    if (key.length() > 200) {
      throw org.relance.platform.http.ProblemException.invalid(
          List.of(
              new org.relance.platform.http.Problem.FieldError(
                  "Idempotency-Key", "must be at most 200 characters")));
    }
    return PendingEvent.deterministicId("Idempotency", tenant, invoiceId, kind, key);
  }

  /** The events recorded, as they were published (type and data), and the business date. */
  static com.fasterxml.jackson.databind.node.ObjectNode summary(CaseCommands.Done done) {
    var node = org.relance.contracts.Json.object();
    node.put("businessDate", done.day().toString());
    var events = node.putArray("recorded");
    for (org.relance.contracts.CloudEvent e : done.appended()) {
      var item = events.addObject().put("type", e.type()).put("eventId", e.id());
      item.set("data", e.data());
    }
    var hold = org.relance.dunning.cases.domain.DunningDecider.hold(done.after(), done.day());
    if (hold.isPresent()) {
      node.put("holdKind", hold.get().kind());
      node.put("hold", hold.get().reason());
    } else {
      node.putNull("hold");
    }
    return node;
  }
}
