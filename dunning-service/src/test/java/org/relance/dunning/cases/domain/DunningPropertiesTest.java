package org.relance.dunning.cases.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.relance.contracts.Refusal;
import org.relance.contracts.money.Money;
import org.relance.dunning.plan.domain.BuiltInPlans;
import org.relance.dunning.plan.domain.DunningPlan;
import org.relance.dunning.plan.domain.Segments;

/**
 * Properties of the engine over random lives of an invoice: payments, disputes, promises, pauses
 * and call outcomes on random days, the plan run day by day for five months.
 */
class DunningPropertiesTest {

  /** Something that happens to the invoice before a day's decision. */
  record Happening(int day, String kind, int amount) {}

  record Life(LocalDate due, List<Happening> happenings, String planId) {}

  @Provide
  Arbitrary<Life> lives() {
    Arbitrary<LocalDate> due =
        Arbitraries.integers().between(0, 364).map(d -> LocalDate.parse("2026-01-01").plusDays(d));
    Arbitrary<Happening> happening =
        Combinators.combine(
                Arbitraries.integers().between(-20, 120),
                Arbitraries.of(
                    "PAY_PART",
                    "PAY_ALL",
                    "DISPUTE",
                    "RESOLVE",
                    "PROMISE",
                    "PAUSE",
                    "NO_ANSWER",
                    "CALL_DISPUTE",
                    "PAYMENT_PLAN"),
                Arbitraries.integers().between(1, 60))
            .as(Happening::new);
    return Combinators.combine(
            due,
            happening.list().ofMaxSize(8),
            Arbitraries.of("standard-fr", "short-fr", "key-account-fr"))
        .as(Life::new);
  }

  /** The outcome of a life: every event with the day before which the facts were as recorded. */
  record Run(
      List<DunningEvent> log,
      List<Integer> logSizeBefore,
      List<InvoiceFacts> factsOn,
      List<LocalDate> days,
      List<List<DunningEvent>> decided,
      LocalDate paidOn,
      DayContext ctx,
      DunningPlan plan) {}

  private static Run live(Life life) {
    Segments segments = new Segments(1, List.of(), life.planId());
    Scenario base = Scenario.invoice("1000.00", life.due().toString()).withSegments(segments);
    DayContext ctx = base.context();
    InvoiceFacts facts = base.dunning().facts();
    List<DunningEvent> log = new ArrayList<>();
    Map<UUID, Delivery> deliveries = new HashMap<>();
    List<Integer> sizes = new ArrayList<>();
    List<InvoiceFacts> factsOn = new ArrayList<>();
    List<LocalDate> days = new ArrayList<>();
    List<List<DunningEvent>> decided = new ArrayList<>();
    LocalDate paidOn = null;
    for (LocalDate day = facts.issueDate();
        !day.isAfter(life.due().plusDays(150));
        day = day.plusDays(1)) {
      for (Happening h : life.happenings()) {
        if (!life.due().plusDays(h.day()).equals(day)) {
          continue;
        }
        DunningCase c = DunningCase.of(facts, log, deliveries);
        BigDecimal outstanding = facts.outstanding().amount();
        try {
          switch (h.kind()) {
            case "PAY_PART" ->
                facts =
                    facts.withOutstanding(
                        new Money(
                            outstanding
                                .subtract(new BigDecimal(h.amount() * 5))
                                .max(BigDecimal.ZERO),
                            facts.amount().currency()));
            case "PAY_ALL" -> facts = facts.withOutstanding(Money.zero(facts.amount().currency()));
            case "DISPUTE" -> {
              if (facts.openDispute().isEmpty()) {
                List<InvoiceFacts.Dispute> d = new ArrayList<>(facts.disputes());
                d.add(new InvoiceFacts.Dispute(UUID.randomUUID(), "OTHER", day, null));
                facts = facts.withDisputes(d);
              }
            }
            case "RESOLVE" -> {
              List<InvoiceFacts.Dispute> d = new ArrayList<>();
              for (InvoiceFacts.Dispute x : facts.disputes()) {
                d.add(
                    x.resolvedOn() == null
                        ? new InvoiceFacts.Dispute(x.disputeId(), x.category(), x.openedOn(), day)
                        : x);
              }
              facts = facts.withDisputes(d);
            }
            case "PROMISE" ->
                log.addAll(
                    DunningCommands.promise(
                        c,
                        new CaseCommand.RecordPromise(
                            UUID.randomUUID(), day.plusDays(h.amount() % 20), null, "p", null),
                        day));
            case "PAUSE" ->
                log.addAll(
                    DunningCommands.pause(
                        c,
                        new CaseCommand.Pause(
                            UUID.randomUUID(), day.plusDays(h.amount() % 30), "why", "p"),
                        day));
            case "PAYMENT_PLAN" -> {
              Money half =
                  new Money(outstanding.divide(new BigDecimal(2)), facts.amount().currency());
              Money rest = facts.outstanding().minus(half);
              log.addAll(
                  DunningCommands.paymentPlan(
                      c,
                      new CaseCommand.AgreePaymentPlan(
                          UUID.randomUUID(),
                          List.of(
                              new CaseCommand.AgreePaymentPlan.Instalment(
                                  day.plusDays(10), half.amount()),
                              new CaseCommand.AgreePaymentPlan.Instalment(
                                  day.plusDays(40), rest.amount())),
                          "p",
                          null),
                      day));
            }
            default -> {
              List<DunningEvent.CallTaskOpened> tasks = c.callTasks();
              if (!tasks.isEmpty()) {
                log.addAll(
                    DunningCommands.callOutcome(
                        c,
                        new CaseCommand.RecordCallOutcome(
                            tasks.get(tasks.size() - 1).taskId(),
                            h.kind().equals("NO_ANSWER")
                                ? CallOutcome.NO_ANSWER
                                : CallOutcome.DISPUTE,
                            null,
                            null,
                            "c",
                            null),
                        day));
              }
            }
          }
        } catch (Refusal refused) {
          // a command the rules refuse (a second promise, on a paid invoice...) changes nothing
        }
      }
      if (paidOn == null && facts.paid()) {
        paidOn = day;
      }
      sizes.add(log.size());
      factsOn.add(facts);
      days.add(day);
      List<DunningEvent> today =
          DunningDecider.decide(DunningCase.of(facts, log, deliveries), day, ctx);
      decided.add(today);
      for (DunningEvent e : today) {
        log.add(e);
        if (e instanceof DunningEvent.ReminderRequested r) {
          deliveries.put(r.requestId(), Delivery.SENT);
        }
      }
    }
    return new Run(
        log,
        sizes,
        factsOn,
        days,
        decided,
        paidOn,
        ctx,
        BuiltInPlans.find(life.planId()).orElseThrow());
  }

  @Property(tries = 300)
  void no_reminder_is_ever_requested_after_the_invoice_is_paid_in_full(@ForAll("lives") Life life) {
    Run run = live(life);

    if (run.paidOn() != null) {
      assertThat(run.log())
          .filteredOn(
              e ->
                  e instanceof DunningEvent.ReminderRequested
                      || e instanceof DunningEvent.CallTaskOpened
                      || e instanceof DunningEvent.CaseEscalated)
          .allSatisfy(e -> assertThat(e.day()).isBefore(run.paidOn()));
    }
  }

  @Property(tries = 300)
  void no_step_is_requested_twice_and_steps_happen_in_plan_order(@ForAll("lives") Life life) {
    Run run = live(life);

    List<String> taken =
        DunningCase.of(run.factsOn().get(run.factsOn().size() - 1), run.log()).stepsTaken();
    Set<String> seen = new HashSet<>();
    int previous = -1;
    for (String step : taken) {
      assertThat(seen.add(step)).as("step %s taken twice in %s", step, taken).isTrue();
      int index = run.plan().indexOf(step);
      assertThat(index).as("plan order of %s", taken).isGreaterThan(previous);
      previous = index;
    }
    Set<UUID> requestIds = new HashSet<>();
    run.log().stream()
        .filter(e -> e instanceof DunningEvent.ReminderRequested)
        .forEach(
            e ->
                assertThat(requestIds.add(((DunningEvent.ReminderRequested) e).requestId()))
                    .isTrue());
  }

  @Property(tries = 200)
  void replaying_the_log_gives_the_same_decisions(@ForAll("lives") Life life) {
    Run run = live(life);

    Map<UUID, Delivery> delivered = new HashMap<>();
    run.log().stream()
        .filter(e -> e instanceof DunningEvent.ReminderRequested)
        .forEach(
            e -> delivered.put(((DunningEvent.ReminderRequested) e).requestId(), Delivery.SENT));
    for (int i = 0; i < run.days().size(); i++) {
      DunningCase rebuilt =
          DunningCase.of(
              run.factsOn().get(i), run.log().subList(0, run.logSizeBefore().get(i)), delivered);
      assertThat(DunningDecider.decide(rebuilt, run.days().get(i), run.ctx()))
          .as("decisions of %s", run.days().get(i))
          .isEqualTo(run.decided().get(i));
      // and deciding a day again, once its events are recorded, decides nothing new
      DunningCase after = rebuilt.evolve(run.decided().get(i));
      assertThat(
              DunningDecider.decide(after, run.days().get(i), run.ctx()).stream()
                  .filter(e -> !(e instanceof DunningEvent.PromiseKept))
                  .toList())
          .as("a second decision of %s", run.days().get(i))
          .isEmpty();
    }
  }
}
