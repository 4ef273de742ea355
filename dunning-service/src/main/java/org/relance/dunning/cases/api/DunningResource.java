package org.relance.dunning.cases.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.relance.dunning.calendar.domain.BusinessCalendar;
import org.relance.dunning.cases.api.CaseView.CallAttempt;
import org.relance.dunning.cases.api.CaseView.DisputeView;
import org.relance.dunning.cases.api.CaseView.HistoryItem;
import org.relance.dunning.cases.api.CaseView.HoldView;
import org.relance.dunning.cases.api.CaseView.NextAction;
import org.relance.dunning.cases.api.CaseView.PlanView;
import org.relance.dunning.cases.api.CaseView.StepView;
import org.relance.dunning.cases.application.CaseQueries;
import org.relance.dunning.cases.application.ErasedValues;
import org.relance.dunning.cases.domain.DayContext;
import org.relance.dunning.cases.domain.DunningCase;
import org.relance.dunning.cases.domain.DunningDecider;
import org.relance.dunning.cases.domain.DunningEvent;
import org.relance.dunning.cases.domain.Hold;
import org.relance.dunning.cases.domain.InvoiceFacts;
import org.relance.dunning.plan.domain.BuiltInPlans;
import org.relance.dunning.plan.domain.Channel;
import org.relance.dunning.plan.domain.DunningPlan;
import org.relance.dunning.plan.domain.Step;
import org.relance.platform.security.AuditedRead;
import org.relance.platform.security.Caller;
import org.relance.platform.security.Roles;

/** Why an invoice is where it is in its plan, and a debtor's standing. */
@Path("/api/v1/dunning")
@Produces(MediaType.APPLICATION_JSON)
public class DunningResource {

  @Inject Caller caller;

  private final CaseQueries queries;

  public DunningResource(CaseQueries queries) {
    this.queries = queries;
  }

  @GET
  @Path("/{invoiceId}")
  @Operation(
      summary =
          "An invoice's dunning: its plan and why it was chosen, each step (taken with its proof,"
              + " skipped, or scheduled), what holds it (dispute, promise, payment plan, pause),"
              + " the next action and its date, and the history")
  @AuditedRead("dunning-case")
  @RolesAllowed({Roles.ERP, Roles.CREDIT_MANAGER, Roles.COLLECTOR, Roles.VIEWER})
  public Uni<CaseView> get(@PathParam("invoiceId") String id) {
    return queries.caseFile(caller.tenant(), AgreementResource.invoice(id)).map(this::view);
  }

  private CaseView view(CaseQueries.CaseFile file) {
    DayContext ctx = file.ctx();
    BusinessCalendar calendar = ctx.calendar();
    DunningCase c = file.dunning();
    InvoiceFacts facts = c.facts();
    LocalDate today = file.today();
    List<String> warnings = new ArrayList<>();
    DunningPlan plan;
    try {
      plan = DunningDecider.planOf(c, ctx);
    } catch (IllegalStateException unknown) {
      warnings.add(unknown.getMessage() + ": the invoice is not decided until it is");
      plan = BuiltInPlans.STANDARD_FR;
    }
    boolean letters =
        plan.steps().stream()
            .anyMatch(
                s -> s.channel() == Channel.LETTER || s.channel() == Channel.REGISTERED_LETTER);
    if (letters && !file.debtorHasAddress()) {
      warnings.add(
          "the debtor has no postal address: the plan's letters will fail (send them again by"
              + " email with POST …/steps/{step}/retry, or have the ERP send the address)");
    }
    if (!file.debtorHasEmail() && facts.debtor().emailRecipient() == null) {
      warnings.add("the debtor has no email address: its emails will fail");
    }
    Optional<DunningEvent.PlanAssigned> assigned = c.plan();
    PlanView planView =
        new PlanView(
            plan.id(),
            plan.version(),
            plan.name(),
            assigned.map(DunningEvent.PlanAssigned::rule).orElse(null),
            assigned.map(DunningEvent.PlanAssigned::reason).orElse(null),
            assigned.map(a -> a.day().toString()).orElse(null),
            assigned.map(DunningEvent.PlanAssigned::actor).orElse(null),
            new CaseView.Settings(
                plan.settings().escalationMinimum().toPlainString(),
                plan.settings().maxCallAttempts(),
                plan.settings().dunPenaltiesAlone(),
                plan.settings().groupByDebtor()));
    List<StepView> steps = new ArrayList<>();
    for (Step s : plan.steps()) {
      steps.add(step(file, s, calendar));
    }
    Optional<Hold> hold = DunningDecider.hold(c, today);
    NextAction next = next(c, today, ctx);
    return new CaseView(
        facts.invoiceId().toString(),
        facts.tenant(),
        facts.invoiceNumber(),
        facts.debtor().id(),
        file.status(),
        file.clock() == null ? null : file.clock().toString(),
        facts.dueDate().toString(),
        facts.amount().currencyCode(),
        facts.amount().toPlainString(),
        facts.outstanding().toPlainString(),
        facts.penaltiesDue().toPlainString(),
        planView,
        steps,
        hold.map(
                h ->
                    new HoldView(
                        h.kind(), h.reason(), h.until() == null ? null : h.until().toString()))
            .orElse(null),
        facts.disputes().stream()
            .map(
                d ->
                    new DisputeView(
                        d.disputeId().toString(),
                        d.category(),
                        d.openedOn().toString(),
                        d.resolvedOn() == null ? null : d.resolvedOn().toString()))
            .toList(),
        next,
        warnings,
        c.escalated().map(e -> e.escalatedOn().toString()).orElse(null),
        explanation(c, plan, hold, next),
        file.history().stream()
            .map(
                e ->
                    // an erased debtor's values read "erased"
                    new HistoryItem(e.type(), e.businessdate(), e.id(), ErasedValues.data(e)))
            .toList());
  }

  /** A step of the plan: taken (with its proof or its calls), skipped, or pending. */
  private static StepView step(CaseQueries.CaseFile file, Step s, BusinessCalendar calendar) {
    DunningCase c = file.dunning();
    InvoiceFacts facts = c.facts();
    LocalDate nominal = facts.dueDate().plusDays(s.offsetDays());
    LocalDate scheduled = DunningDecider.scheduled(facts, s, calendar);
    String moved =
        scheduled.equals(nominal)
            ? null
            : nominal
                + " is not a business day ("
                + calendar.closedBecause(nominal).orElse("")
                + ")";
    StepView pending =
        new StepView(
            s.name(),
            s.offsetDays(),
            s.channel().name(),
            s.tone().name(),
            s.template(),
            scheduled.toString(),
            moved,
            "PENDING",
            null,
            null,
            null,
            null,
            null,
            null);
    Optional<DunningEvent.ReminderRequested> requested =
        c.requested().stream()
            .filter(r -> r.step().name().equals(s.name()))
            .reduce((first, retry) -> retry);
    List<DunningEvent.CallTaskOpened> calls =
        c.callTasks().stream().filter(t -> t.step().name().equals(s.name())).toList();
    if (requested.isPresent()) {
      DunningEvent.ReminderRequested r = requested.get();
      JsonNode proof = file.proof(r.requestId());
      return pending.taken(
          r.requestedOn().toString(),
          r.requestId().toString(),
          r.step().channel() != s.channel() ? r.step().channel().name() : null,
          r.responseDeadline() == null ? null : r.responseDeadline().toString(),
          // a request without a proof yet shows "proof": null
          proof == null ? NullNode.getInstance() : proof);
    }
    if (!calls.isEmpty()) {
      return pending.called(
          calls.get(0).day().toString(),
          calls.stream()
              .map(
                  t -> {
                    var last = c.outcomes(t.taskId()).stream().reduce((a, b) -> b);
                    return new CallAttempt(
                        t.taskId().toString(),
                        t.attempt(),
                        t.day().toString(),
                        c.taskOpen(t.taskId()),
                        last.map(o -> o.outcome().name()).orElse(null),
                        last.map(o -> o.day().toString()).orElse(null),
                        last.map(o -> o.actor()).orElse(null));
                  })
              .toList());
    }
    if (c.stepsSkipped().contains(s.name())) {
      return pending.skipped();
    }
    return pending;
  }

  /**
   * The next action and its date, found by running the decider forward over the coming days with
   * what is known today: a paused plan shows the step it will resume at, a step on a holiday its
   * next business day. None while the case's plan is not known here.
   */
  private static NextAction next(DunningCase c, LocalDate today, DayContext ctx) {
    try {
      return DunningDecider.lookAhead(
              c,
              today,
              ctx,
              e ->
                  e instanceof DunningEvent.ReminderRequested
                      || e instanceof DunningEvent.CallTaskOpened
                      || e instanceof DunningEvent.CaseEscalated)
          .map(DunningResource::nextAction)
          .orElse(null);
    } catch (IllegalStateException unknownPlan) {
      return null;
    }
  }

  private static NextAction nextAction(DunningDecider.Ahead ahead) {
    String action = null;
    String step = null;
    String channel = null;
    Integer attempt = null;
    List<String> skipped = new ArrayList<>();
    for (DunningEvent e : ahead.events()) {
      if (e instanceof DunningEvent.ReminderRequested r) {
        action = "REMINDER";
        step = r.step().name();
        channel = r.step().channel().name();
      } else if (e instanceof DunningEvent.CallTaskOpened t) {
        action = "CALL_TASK";
        step = t.step().name();
        channel = "PHONE_TASK";
        attempt = t.attempt();
      } else if (e instanceof DunningEvent.CaseEscalated) {
        action = "ESCALATION";
      } else if (e instanceof DunningEvent.StepsSkipped k) {
        skipped.addAll(k.steps());
      }
    }
    return new NextAction(
        action, step, channel, attempt, ahead.day().toString(), skipped.isEmpty() ? null : skipped);
  }

  /** In words, why the case is where it is; the rules are the decider's. */
  private static String explanation(
      DunningCase c, DunningPlan plan, Optional<Hold> hold, NextAction next) {
    if (c.escalated().isPresent()) {
      return "escalated: " + c.escalated().get().reason();
    }
    if (DunningDecider.paidUp(c.facts(), plan)) {
      return "principal paid in full: the plan stopped";
    }
    String held = hold.map(h -> "on hold (" + h.reason() + "); ").orElse("");
    if (next != null) {
      String what =
          "ESCALATION".equals(next.action())
              ? "escalation"
              : "next step " + next.step() + " (" + next.channel() + ")";
      return held + what + " on " + next.on() + " if nothing changes";
    }
    Optional<DunningDecider.EscalationBar> bar =
        DunningDecider.formalNotice(c).flatMap(n -> DunningDecider.escalationBar(c, plan, n));
    if (bar.isPresent()) {
      return held
          + switch (bar.get()) {
            case NOTICE_FAILED ->
                "the formal notice could not be sent (see its proof): no"
                    + " escalation until a person acts";
            case NOTICE_UNCONFIRMED -> "escalation waits for the formal notice's proof of sending";
            case AMOUNT_NOT_ABOVE_MINIMUM ->
                "the amount still due is not above the plan's"
                    + " escalation minimum of "
                    + plan.settings().escalationMinimum().toPlainString();
          };
    }
    if (!plan.escalates()) {
      return held
          + "all steps taken; plan "
          + plan.id()
          + " has no formal notice and never escalates";
    }
    return held + "nothing is scheduled";
  }

  @GET
  @Path("/debtors/{debtorId}")
  @Operation(
      summary =
          "A debtor's standing: its credit hold (placed or lifted, and why) and the contacts"
              + " collectors flagged as wrong")
  @AuditedRead("debtor")
  @RolesAllowed({Roles.ERP, Roles.CREDIT_MANAGER, Roles.COLLECTOR, Roles.VIEWER})
  public Uni<DebtorStanding> debtor(@PathParam("debtorId") String debtorId) {
    String tenant = caller.tenant();
    return queries
        .debtor(tenant, debtorId)
        .map(
            standing ->
                new DebtorStanding(
                    tenant,
                    debtorId,
                    standing.creditHold().map(CaseQueries.CreditHold::held).orElse(false),
                    standing.creditHold().map(h -> h.since().toString()).orElse(null),
                    standing.creditHold().map(CaseQueries.CreditHold::reasons).orElse(null),
                    standing.wrongContacts().stream()
                        .map(
                            f ->
                                new DebtorStanding.WrongContact(
                                    f.flaggedOn().toString(),
                                    f.actor(),
                                    f.note(),
                                    f.taskId().toString()))
                        .toList()));
  }
}
