package org.relance.dunning.cases.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
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
import org.relance.dunning.cases.application.CaseCommands;
import org.relance.dunning.cases.application.CaseQueries;
import org.relance.dunning.cases.domain.CallOutcome;
import org.relance.dunning.cases.domain.CaseCommand;
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

  private final CaseQueries queries;
  private final CaseCommands commands;

  public TaskResource(CaseQueries queries, CaseCommands commands) {
    this.queries = queries;
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
    return queries
        .openTasks(tenant, collector == null || collector.isBlank() ? null : collector, on)
        .map(
            tasks ->
                tasks.stream()
                    .map(
                        t ->
                            new TaskView(
                                t.taskId().toString(),
                                t.invoiceId().toString(),
                                t.invoiceNumber(),
                                t.debtorId(),
                                t.debtorName(),
                                t.step(),
                                t.attempt(),
                                t.openedOn().toString(),
                                t.collector(),
                                t.amountDue().stripTrailingZeros().toPlainString(),
                                t.currency(),
                                t.contact()))
                    .toList());
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
    return commands
        .recordCallOutcome(
            tenant,
            new CaseCommand.RecordCallOutcome(taskId, chosen, promisedDate, promiseId, actor, note))
        .map(done -> Response.ok(CommandAnswer.of(done)).build());
  }
}
