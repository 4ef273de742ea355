package org.relance.dunning.cases.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.relance.dunning.cases.domain.CallOutcome;
import org.relance.dunning.cases.domain.DunningCommands;
import org.relance.dunning.cases.persistence.CaseRepository;
import org.relance.dunning.cases.persistence.TaskRepository;
import org.relance.platform.http.Fields;
import org.relance.platform.http.Problem;
import org.relance.platform.http.ProblemException;
import org.relance.platform.security.AuditedRead;
import org.relance.platform.security.Caller;
import org.relance.platform.security.Roles;

/** The collectors' work list: call tasks opened by plan steps, and the outcomes of the calls. */
@Path("/api/v1/dunning/tasks")
@Produces(MediaType.APPLICATION_JSON)
public class TaskResource {

  @Inject Caller caller;

  public record TaskView(
      String taskId,
      String invoiceId,
      String invoiceNumber,
      String debtorId,
      String debtorName,
      String step,
      int attempt,
      String openedOn,
      String collector,
      String amountDue,
      String currency,
      JsonNode contact) {}

  private final Pool pool;
  private final TaskRepository tasks;
  private final CaseRepository cases;
  private final CaseCommands commands;

  public TaskResource(
      Pool pool, TaskRepository tasks, CaseRepository cases, CaseCommands commands) {
    this.pool = pool;
    this.tasks = tasks;
    this.cases = cases;
    this.commands = commands;
  }

  @GET
  @Operation(
      summary =
          "Open call tasks opened on or before a date (default: dunning's business date), oldest"
              + " first; with collector, that collector's tasks and the unassigned ones")
  @AuditedRead("work-list")
  @RolesAllowed({Roles.ERP, Roles.CREDIT_MANAGER, Roles.COLLECTOR, Roles.VIEWER})
  public Uni<List<TaskView>> open(
      @QueryParam("collector") String collector, @QueryParam("date") String date) {
    String tenant = caller.tenant();
    LocalDate on;
    try {
      on = date == null || date.isBlank() ? null : LocalDate.parse(date);
    } catch (DateTimeParseException e) {
      throw ProblemException.invalid(
          List.of(new Problem.FieldError("date", "must be an ISO date (YYYY-MM-DD)")));
    }
    return pool.withConnection(
        c ->
            (on != null
                    ? Uni.createFrom().item(on)
                    : cases.today(c, tenant).map(t -> t.orElse(LocalDate.of(9999, 12, 31))))
                .flatMap(
                    day ->
                        tasks.open(
                            c,
                            tenant,
                            collector == null || collector.isBlank() ? null : collector,
                            day))
                .map(
                    rows ->
                        rows.stream()
                            .map(
                                r ->
                                    new TaskView(
                                        r.taskId().toString(),
                                        r.invoiceId().toString(),
                                        r.invoiceNumber(),
                                        r.debtorId(),
                                        r.debtorName(),
                                        r.step(),
                                        r.attempt(),
                                        r.openedOn().toString(),
                                        r.collector(),
                                        r.amountDue().stripTrailingZeros().toPlainString(),
                                        r.currency(),
                                        r.contact()))
                            .toList()));
  }

  @POST
  @Path("/{taskId}/outcome")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Record a call's outcome: REACHED, NO_ANSWER (called again next business day),"
              + " PROMISE_TO_PAY (with promisedDate: the plan pauses), DISPUTE (the plan pauses"
              + " while it is recorded on the invoice), WRONG_CONTACT (the debtor's contacts are"
              + " flagged)")
  @RolesAllowed({Roles.COLLECTOR, Roles.CREDIT_MANAGER})
  public Uni<Response> outcome(
      @PathParam("taskId") String taskIdText,
      @RequestBody(
              content =
                  @Content(schema = @Schema(implementation = RequestSchemas.CallOutcomeBody.class)))
          JsonNode body) {
    String tenant = caller.tenant();
    Fields f = new Fields(body);
    String actor = caller.actor();
    CallOutcome chosen = f.choice("outcome", true, CallOutcome.class);
    LocalDate promisedDate = f.date("promisedDate", false);
    String note = f.freeText("note", false);
    f.throwIfInvalid();
    UUID taskId = AgreementResource.uuid(taskIdText, "no call task " + taskIdText);
    UUID promiseId = UUID.randomUUID();
    return pool.withConnection(c -> tasks.find(c, tenant, taskId))
        .flatMap(
            task -> {
              if (task.isEmpty()) {
                throw ProblemException.notFound("no call task " + taskId);
              }
              return commands.run(
                  tenant,
                  task.get().invoiceId(),
                  (loaded, plans, today) ->
                      DunningCommands.callOutcome(
                          loaded.dunning(),
                          taskId,
                          chosen,
                          promisedDate,
                          promiseId,
                          today,
                          actor,
                          note));
            })
        .map(done -> Response.ok(AgreementResource.summary(done)).build());
  }
}
