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
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.relance.contracts.EventType;
import org.relance.dunning.cases.application.CaseCommands;
import org.relance.dunning.cases.domain.CaseCommand;
import org.relance.platform.http.Fields;
import org.relance.platform.http.Problem;
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
        promiseId -> new CaseCommand.RecordPromise(promiseId, date, amount, actor, note));
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
    List<CaseCommand.AgreePaymentPlan.Instalment> instalments = new ArrayList<>();
    for (Fields i : items) {
      LocalDate dueDate = i.date("dueDate", true);
      BigDecimal amount = i.decimal("amount", true);
      if (dueDate != null && amount != null) {
        instalments.add(new CaseCommand.AgreePaymentPlan.Instalment(dueDate, amount));
      }
    }
    f.throwIfInvalid();
    return recordOnce(
        id,
        "payment-plans",
        EventType.PAYMENT_PLAN_AGREED,
        idempotencyKey,
        planId -> new CaseCommand.AgreePaymentPlan(planId, instalments, actor, note));
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
        pauseId -> new CaseCommand.Pause(pauseId, until, reason, actor));
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
        .run(caller.tenant(), invoice(id), new CaseCommand.EndPause(pause, actor, reason))
        .map(done -> Response.ok(CommandAnswer.of(done)).build());
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
    return commands
        .run(caller.tenant(), invoice(id), new CaseCommand.RetryStep(step, chosen, actor))
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
            new CaseCommand.ChangePlan(planId, version, reason, actor))
        .map(done -> Response.ok(CommandAnswer.of(done)).build());
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
      // the same request again: what it recorded then
      return Response.ok(CommandAnswer.of(done)).build();
    }
    return Response.created(java.net.URI.create("/api/v1/dunning/" + invoiceId + "/" + path))
        .entity(CommandAnswer.of(done))
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
      Function<UUID, CaseCommand> command) {
    if (idempotencyKey != null && !idempotencyKey.isBlank() && idempotencyKey.length() > 200) {
      throw ProblemException.invalid(
          List.of(new Problem.FieldError("Idempotency-Key", "must be at most 200 characters")));
    }
    return commands
        .create(
            caller.tenant(), invoice(invoiceId), invoiceId, kind, created, idempotencyKey, command)
        .map(c -> created(invoiceId, kind + "/" + c.id(), c.done()));
  }
}
