package org.relance.dunning.cases.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.relance.dunning.cases.domain.DunningCase;
import org.relance.dunning.cases.domain.DunningEvent;
import org.relance.dunning.cases.persistence.CaseRepository;
import org.relance.dunning.cases.persistence.DunningCodec;
import org.relance.dunning.plan.domain.DunningPlan;
import org.relance.dunning.plan.domain.Step;
import org.relance.platform.eventstore.EventStore;
import org.relance.platform.http.ProblemException;
import org.relance.platform.http.Tenants;

@Path("/api/v1/dunning")
@Produces(MediaType.APPLICATION_JSON)
public class DunningResource {

  /** Why an invoice is where it is in its plan. */
  public record CaseView(
      String invoiceId,
      String tenant,
      String invoiceNumber,
      String status,
      String businessDate,
      String dueDate,
      String currency,
      String outstanding,
      PlanView plan,
      List<StepTaken> stepsTaken,
      NextStep next,
      String escalatedOn,
      String explanation) {}

  public record PlanView(String id, int version, List<Step> steps) {}

  public record StepTaken(
      String step,
      String channel,
      String requestedOn,
      String requestId,
      String responseDeadline,
      JsonNode delivery) {}

  public record NextStep(String step, String channel, String notBefore) {}

  private final Pool pool;
  private final CaseRepository cases;
  private final EventStore store;

  public DunningResource(Pool pool, CaseRepository cases, EventStore store) {
    this.pool = pool;
    this.cases = cases;
    this.store = store;
  }

  @GET
  @Path("/{invoiceId}")
  @Operation(
      summary =
          "An invoice's dunning: its plan, the steps taken with their proof, the next step and why")
  public Uni<CaseView> get(
      @HeaderParam(Tenants.HEADER) String tenantHeader, @PathParam("invoiceId") String id) {
    String tenant = Tenants.resolve(tenantHeader);
    UUID invoiceId;
    try {
      invoiceId = UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw ProblemException.notFound("no dunning case for " + id);
    }
    return pool.withConnection(
        c ->
            cases
                .find(c, invoiceId)
                .flatMap(
                    row -> {
                      if (row.isEmpty()
                          || row.get().invoice() == null
                          || !tenant.equals(row.get().tenant())) {
                        throw ProblemException.notFound(
                            "no dunning case for invoice " + id + " (tenant " + tenant + ")");
                      }
                      var found = row.get();
                      return store
                          .readStream(c, id)
                          .flatMap(
                              stored ->
                                  cases
                                      .today(c, tenant)
                                      .map(
                                          today -> {
                                            var facts =
                                                DunningCodec.facts(
                                                    found.invoice(), found.paidDownTo());
                                            DunningCase dunning =
                                                DunningCase.of(
                                                    facts,
                                                    stored.stream()
                                                        .map(DunningCodec::fromCloudEvent)
                                                        .toList(),
                                                    DunningCodec.deliveries(found.deliveries()));
                                            List<StepTaken> taken = new ArrayList<>();
                                            for (DunningEvent.ReminderRequested r :
                                                dunning.requested()) {
                                              taken.add(
                                                  new StepTaken(
                                                      r.step().name(),
                                                      r.step().channel().name(),
                                                      r.requestedOn().toString(),
                                                      r.requestId().toString(),
                                                      r.responseDeadline() == null
                                                          ? null
                                                          : r.responseDeadline().toString(),
                                                      found.deliveries() == null
                                                          ? null
                                                          : found
                                                              .deliveries()
                                                              .get(r.requestId().toString())));
                                            }
                                            Optional<Step> next =
                                                DunningPlan.DEFAULT.steps().stream()
                                                    .filter(s -> !dunning.stepTaken(s.name()))
                                                    .findFirst();
                                            NextStep nextStep =
                                                dunning.escalated().isPresent()
                                                        || facts.paid()
                                                        || next.isEmpty()
                                                    ? null
                                                    : new NextStep(
                                                        next.get().name(),
                                                        next.get().channel().name(),
                                                        facts
                                                            .dueDate()
                                                            .plusDays(next.get().offsetDays())
                                                            .toString());
                                            String explanation =
                                                dunning.escalated().isPresent()
                                                    ? "escalated: "
                                                        + dunning.escalated().get().reason()
                                                    : facts.paid()
                                                        ? "principal paid in full: the plan stopped"
                                                        : nextStep != null
                                                            ? "next step "
                                                                + nextStep.step()
                                                                + " on or after "
                                                                + nextStep.notBefore()
                                                            : dunning.requested().stream()
                                                                    .filter(
                                                                        r ->
                                                                            r.step()
                                                                                .isFormalNotice())
                                                                    .anyMatch(
                                                                        r ->
                                                                            dunning
                                                                                    .delivery(
                                                                                        r
                                                                                            .requestId())
                                                                                    .orElse(null)
                                                                                == org.relance
                                                                                    .dunning.cases
                                                                                    .domain.Delivery
                                                                                    .FAILED)
                                                                ? "the formal notice could not be sent (see its delivery):"
                                                                    + " no escalation until a person acts"
                                                                : "all steps taken: escalation once the formal notice, sent,"
                                                                    + " has seen its deadline pass unpaid";
                                            return new CaseView(
                                                id,
                                                tenant,
                                                facts.invoiceNumber(),
                                                found.status(),
                                                today.map(LocalDate::toString).orElse(null),
                                                facts.dueDate().toString(),
                                                facts.amount().currencyCode(),
                                                facts.outstanding().toPlainString(),
                                                new PlanView(
                                                    DunningPlan.DEFAULT.id(),
                                                    DunningPlan.DEFAULT.version(),
                                                    DunningPlan.DEFAULT.steps()),
                                                taken,
                                                nextStep,
                                                dunning
                                                    .escalated()
                                                    .map(e -> e.escalatedOn().toString())
                                                    .orElse(null),
                                                explanation);
                                          }));
                    }));
  }
}
