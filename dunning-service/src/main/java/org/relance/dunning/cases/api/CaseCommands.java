package org.relance.dunning.cases.api;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.relance.dunning.calendar.CreditorCountries;
import org.relance.dunning.calendar.Holidays;
import org.relance.dunning.cases.application.Cases;
import org.relance.dunning.cases.domain.DayContext;
import org.relance.dunning.cases.domain.DunningCase;
import org.relance.dunning.cases.domain.DunningCommands;
import org.relance.dunning.cases.domain.DunningEvent;
import org.relance.dunning.cases.persistence.CaseRepository;
import org.relance.dunning.plan.persistence.PlanRepository;
import org.relance.platform.eventstore.ConcurrencyException;
import org.relance.platform.http.Problem;
import org.relance.platform.http.ProblemException;

/**
 * Runs a credit manager's or collector's command on one invoice: load the case, decide (pure),
 * append the events and update the projections in one transaction, or refuse with a problem.
 */
@ApplicationScoped
public class CaseCommands {

  private final Pool pool;
  private final Cases cases;
  private final CaseRepository rows;
  private final PlanRepository plans;
  private final CreditorCountries countries;

  public CaseCommands(
      Pool pool,
      Cases cases,
      CaseRepository rows,
      PlanRepository plans,
      CreditorCountries countries) {
    this.pool = pool;
    this.cases = cases;
    this.rows = rows;
    this.plans = plans;
    this.countries = countries;
  }

  public CreditorCountries countries() {
    return countries;
  }

  /**
   * The outcome of a command: the case after it and the events it recorded, as published.
   *
   * @param replayed the command had been recorded already (same Idempotency-Key): nothing new
   */
  public record Done(
      DunningCase after,
      List<DunningEvent> events,
      List<org.relance.contracts.CloudEvent> appended,
      LocalDate day,
      boolean replayed) {

    public Done(
        DunningCase after,
        List<DunningEvent> events,
        List<org.relance.contracts.CloudEvent> appended,
        LocalDate day) {
      this(after, events, appended, day, false);
    }
  }

  /**
   * Runs a command that an {@code Idempotency-Key} makes repeatable: when the event it would record
   * ({@code eventId}, derived from the key) is already stored, the stored one is answered and
   * nothing is decided again.
   */
  public Uni<Done> runOnce(String tenant, UUID invoiceId, UUID eventId, Decision decision) {
    if (eventId == null) {
      return run(tenant, invoiceId, null, decision);
    }
    return pool.withConnection(
            c ->
                loadOwned(c, tenant, invoiceId)
                    .flatMap(
                        loaded ->
                            c.preparedQuery("select envelope from event_store where event_id = $1")
                                .execute(io.vertx.mutiny.sqlclient.Tuple.of(eventId))
                                .flatMap(
                                    rows ->
                                        today(c, tenant, loaded)
                                            .map(
                                                today ->
                                                    rows.size() == 0
                                                        ? null
                                                        : new Done(
                                                            loaded.dunning(),
                                                            List.of(),
                                                            List.of(
                                                                org.relance.contracts.CloudEvent
                                                                    .parse(
                                                                        rows.iterator()
                                                                            .next()
                                                                            .getString(0))),
                                                            today,
                                                            true)))))
        .flatMap(
            stored ->
                stored != null
                    ? Uni.createFrom().item(stored)
                    : run(tenant, invoiceId, null, decision));
  }

  /** A command's decision, given the loaded case, the tenant's plans and the business date. */
  public interface Decision {
    List<DunningEvent> decide(
        Cases.Loaded loaded, PlanRepository.TenantPlans plans, LocalDate today);
  }

  public Uni<Done> run(String tenant, UUID invoiceId, Decision decision) {
    return run(tenant, invoiceId, null, decision);
  }

  /**
   * Runs the command; if the day runner or another command appended to the invoice meanwhile, it is
   * decided again on the new state (three times at most, then a 409).
   *
   * @param requestedBy the actor, written on the reminder a retry command requests
   */
  public Uni<Done> run(String tenant, UUID invoiceId, String requestedBy, Decision decision) {
    return attempt(tenant, invoiceId, requestedBy, decision)
        .onFailure(ConcurrencyException.class)
        .retry()
        .atMost(2);
  }

  private Uni<Done> attempt(String tenant, UUID invoiceId, String requestedBy, Decision decision) {
    return pool.withTransaction(
        tx ->
            loadOwned(tx, tenant, invoiceId)
                .flatMap(
                    loaded ->
                        plans
                            .load(tx, tenant)
                            .flatMap(
                                tenantPlans ->
                                    today(tx, tenant, loaded)
                                        .flatMap(
                                            today -> {
                                              List<DunningEvent> events =
                                                  refusedAsProblem(
                                                      () ->
                                                          decision.decide(
                                                              loaded, tenantPlans, today));
                                              DayContext ctx =
                                                  new DayContext(
                                                      Holidays.of(countries.of(tenant)),
                                                      tenantPlans,
                                                      tenantPlans.segments(),
                                                      0);
                                              return cases
                                                  .record(
                                                      tx,
                                                      loaded,
                                                      events,
                                                      today,
                                                      null,
                                                      Map.of(),
                                                      null,
                                                      ctx,
                                                      requestedBy)
                                                  .map(
                                                      r ->
                                                          new Done(
                                                              r.after(),
                                                              events,
                                                              r.appended(),
                                                              today));
                                            }))));
  }

  /** The case of an invoice of the tenant, or a 404. */
  public Uni<Cases.Loaded> loadOwned(SqlConnection c, String tenant, UUID invoiceId) {
    return cases
        .load(c, invoiceId)
        .map(
            found -> {
              if (found.isEmpty() || !tenant.equals(found.get().facts().tenant())) {
                throw ProblemException.notFound(
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

  /** Maps a refused domain command to its problem: 422 naming the field, 409, or 404. */
  public static <T> T refusedAsProblem(java.util.function.Supplier<T> command) {
    try {
      return command.get();
    } catch (DunningCommands.Refused r) {
      switch (r.kind()) {
        case NOT_FOUND:
          throw ProblemException.notFound(r.getMessage());
        case CONFLICT:
          throw ProblemException.conflict(r.getMessage());
        default:
          throw new ProblemException(
              new Problem(
                  "urn:relance:problem:unprocessable",
                  "Command refused",
                  422,
                  r.field() + " " + r.getMessage(),
                  null,
                  List.of(new Problem.FieldError(r.field(), r.getMessage()))));
      }
    }
  }
}
