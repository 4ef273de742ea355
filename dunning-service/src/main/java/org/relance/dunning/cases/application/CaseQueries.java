package org.relance.dunning.cases.application;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.relance.contracts.CloudEvent;
import org.relance.contracts.Json;
import org.relance.contracts.Refusal;
import org.relance.contracts.events.Debtor;
import org.relance.contracts.events.InvoiceIssued;
import org.relance.dunning.calendar.application.CreditorCountries;
import org.relance.dunning.cases.domain.DayContext;
import org.relance.dunning.cases.domain.DunningCase;
import org.relance.dunning.cases.persistence.CaseRepository;
import org.relance.dunning.cases.persistence.TaskRepository;
import org.relance.dunning.plan.persistence.PlanRepository;

/** What the API shows of cases, debtors and the work list: reads only, nothing decided here. */
@ApplicationScoped
public class CaseQueries {

  private final Pool pool;
  private final CaseCommands commands;
  private final CaseRepository cases;
  private final PlanRepository plans;
  private final TaskRepository tasks;
  private final CreditorCountries countries;

  public CaseQueries(
      Pool pool,
      CaseCommands commands,
      CaseRepository cases,
      PlanRepository plans,
      TaskRepository tasks,
      CreditorCountries countries) {
    this.pool = pool;
    this.commands = commands;
    this.cases = cases;
    this.plans = plans;
    this.tasks = tasks;
    this.countries = countries;
  }

  /**
   * An invoice's case as the explain view reasons about it.
   *
   * @param today the day the view reasons from (dunning's business date, or the invoice's issue
   *     date before dunning's first day)
   * @param clock dunning's business date for the tenant, null before its first day
   * @param deliveries notification-service's proofs, by request id (null: none yet)
   */
  public record CaseFile(
      DunningCase dunning,
      String status,
      DayContext ctx,
      LocalDate today,
      LocalDate clock,
      boolean debtorHasAddress,
      boolean debtorHasEmail,
      JsonNode deliveries,
      List<CloudEvent> history) {

    /** The proof of sending (or of failure) of one request, null before one arrived. */
    public JsonNode proof(UUID requestId) {
      return deliveries == null ? null : deliveries.get(requestId.toString());
    }
  }

  public Uni<CaseFile> caseFile(String tenant, UUID invoiceId) {
    return pool.withConnection(
        c -> commands.loadOwned(c, tenant, invoiceId).flatMap(loaded -> read(c, tenant, loaded)));
  }

  private Uni<CaseFile> read(SqlConnection c, String tenant, Cases.Loaded loaded) {
    return plans
        .load(c, tenant)
        .flatMap(
            tenantPlans ->
                cases
                    .today(c, tenant)
                    .flatMap(
                        clock ->
                            commands
                                .today(c, tenant, loaded)
                                .map(
                                    today ->
                                        file(
                                            tenant,
                                            loaded,
                                            tenantPlans,
                                            today,
                                            clock.orElse(null)))));
  }

  private CaseFile file(
      String tenant,
      Cases.Loaded loaded,
      PlanRepository.TenantPlans tenantPlans,
      LocalDate today,
      LocalDate clock) {
    // the invoice as issued, kept whole on the case row
    Debtor debtor = Json.convert(loaded.row().invoice(), InvoiceIssued.class).debtor();
    return new CaseFile(
        loaded.dunning(),
        loaded.row().status(),
        new DayContext(countries.calendar(tenant), tenantPlans, tenantPlans.segments(), 0),
        today,
        clock,
        debtor != null && debtor.address() != null,
        debtor != null && debtor.email() != null,
        loaded.row().deliveries(),
        loaded.stored());
  }

  /** A contact a collector flagged as wrong. */
  public record WrongContact(LocalDate flaggedOn, String actor, String note, UUID taskId) {}

  /**
   * A debtor's standing.
   *
   * @param creditHold the hold, placed or lifted; empty when it never had one
   */
  public record Standing(Optional<CreditHold> creditHold, List<WrongContact> wrongContacts) {}

  public record CreditHold(boolean held, LocalDate since, JsonNode reasons) {}

  /** A debtor's standing, or a 404 for a debtor the tenant never invoiced. */
  public Uni<Standing> debtor(String tenant, String debtorId) {
    return pool.withConnection(
        c ->
            cases
                .debtorKnown(c, tenant, debtorId)
                .invoke(
                    known -> {
                      // another tenant's debtor and a debtor nobody invoiced look the same
                      if (!known) {
                        throw Refusal.notFound(
                            "no debtor " + debtorId + " among this tenant's invoices");
                      }
                    })
                .flatMap(known -> cases.creditHoldOf(c, tenant, debtorId))
                .flatMap(
                    hold ->
                        tasks
                            .contactFlags(c, tenant, debtorId)
                            .map(
                                flags ->
                                    new Standing(
                                        hold.map(
                                            h -> new CreditHold(h.held(), h.since(), h.reasons())),
                                        flags.stream()
                                            .map(
                                                f ->
                                                    new WrongContact(
                                                        f.flaggedOn(),
                                                        f.actor(),
                                                        f.note(),
                                                        f.taskId()))
                                            .toList()))));
  }

  /** An open call task of the work list. */
  public record OpenTask(
      UUID taskId,
      UUID invoiceId,
      String invoiceNumber,
      String debtorId,
      String debtorName,
      String step,
      int attempt,
      LocalDate openedOn,
      String collector,
      BigDecimal amountDue,
      String currency,
      JsonNode contact) {}

  /**
   * Open call tasks opened on or before {@code on} (null: dunning's business date), oldest first; a
   * collector sees theirs and the unassigned ones.
   */
  public Uni<List<OpenTask>> openTasks(String tenant, String collector, LocalDate on) {
    return pool.withConnection(
        c ->
            (on != null
                    ? Uni.createFrom().item(on)
                    : cases.today(c, tenant).map(t -> t.orElse(LocalDate.of(9999, 12, 31))))
                .flatMap(day -> tasks.open(c, tenant, collector, day))
                .map(
                    rows ->
                        rows.stream()
                            .map(
                                r ->
                                    new OpenTask(
                                        r.taskId(),
                                        r.invoiceId(),
                                        r.invoiceNumber(),
                                        r.debtorId(),
                                        r.debtorName(),
                                        r.step(),
                                        r.attempt(),
                                        r.openedOn(),
                                        r.collector(),
                                        r.amountDue(),
                                        r.currency(),
                                        // an erased debtor's phone, email, contacts: "erased"
                                        ErasedValues.contact(r.contact())))
                            .toList()));
  }
}
