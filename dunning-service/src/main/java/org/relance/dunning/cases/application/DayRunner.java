package org.relance.dunning.cases.application;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.relance.contracts.EventType;
import org.relance.contracts.Json;
import org.relance.contracts.events.ReminderRequested;
import org.relance.dunning.calendar.application.CreditorCountries;
import org.relance.dunning.calendar.domain.BusinessCalendar;
import org.relance.dunning.cases.domain.DayContext;
import org.relance.dunning.cases.domain.DunningDecider;
import org.relance.dunning.cases.domain.DunningEvent;
import org.relance.dunning.cases.persistence.CaseRepository;
import org.relance.dunning.cases.persistence.DunningCodec;
import org.relance.dunning.credit.domain.CreditHoldPolicy;
import org.relance.dunning.credit.domain.DebtorExposure;
import org.relance.dunning.plan.domain.DunningPlan;
import org.relance.dunning.plan.persistence.PlanRepository;
import org.relance.platform.command.CommandPipeline;
import org.relance.platform.consumer.Failures;
import org.relance.platform.consumer.IdempotentConsumer;
import org.relance.platform.eventstore.ConcurrencyException;
import org.relance.platform.eventstore.DuplicateEventException;
import org.relance.platform.eventstore.EventStore;
import org.relance.platform.eventstore.PendingEvent;
import org.relance.platform.relay.Watermark;

/**
 * Takes each tenant's day decisions, one day at a time, once the day is safe: everything
 * invoice-service recorded before the day's tick (its watermark) has been applied here, so a
 * payment recorded before day X always prevents day X's reminder.
 *
 * <p>Each invoice's decision is recorded through the command pipeline, in a transaction of its own
 * or, for a debtor's reminders grouped into one message, in one transaction with the others of the
 * batch (events first, then the case row); a crash mid-day resumes with the invoices not yet
 * decided, and decision ids derived from (invoice, step) make a repeated decision a no-op. After
 * the invoices, each debtor's credit hold is placed or lifted. One advisory lock per tenant keeps
 * two instances from deciding the same tenant's day at once.
 */
@ApplicationScoped
public class DayRunner {

  private static final Logger LOG = Logger.getLogger(DayRunner.class);

  /** The topics whose watermark a day waits for: invoice-service's facts that dunning reads. */
  public static final List<String> WATERMARK_TOPICS =
      List.of(
          EventType.INVOICE_ISSUED.topic(),
          EventType.PAYMENT_RECEIVED.topic(),
          EventType.DUE_DATE_PASSED.topic(),
          EventType.INVOICE_DISPUTED.topic(),
          EventType.INVOICE_DISPUTE_RESOLVED.topic());

  /**
   * The types of dunning's own decisions: the last day one was stored is the tenant's high-water
   * mark (the event store keeps it through a rebuild of the read models).
   */
  private static final List<EventType> DECIDED_TYPES =
      List.of(
          EventType.DUNNING_PLAN_ASSIGNED,
          EventType.REMINDER_REQUESTED,
          EventType.CALL_TASK_OPENED,
          EventType.DUNNING_STEP_SKIPPED,
          EventType.PROMISE_TO_PAY_KEPT,
          EventType.PROMISE_TO_PAY_BROKEN,
          EventType.PAYMENT_PLAN_DEFAULTED,
          EventType.CASE_ESCALATED,
          EventType.CREDIT_HOLD_PLACED,
          EventType.CREDIT_HOLD_LIFTED);

  private final Pool pool;
  private final CommandPipeline pipeline;
  private final EventStore store;
  private final CaseRepository cases;
  private final Cases caseLoader;
  private final PlanRepository planRepository;
  private final IdempotentConsumer consumer;
  private final MeterRegistry registry;
  private final long intervalMs;
  private final CreditorCountries countries;
  private final JsonNode sendWindow;
  private final CreditHoldPolicy creditHolds;

  /** Clock ticks received and not decided yet: stays above 0 when a day waits for its watermark. */
  private final java.util.concurrent.atomic.AtomicLong pendingDays =
      new java.util.concurrent.atomic.AtomicLong();

  private ScheduledExecutorService executor;

  public DayRunner(
      Pool pool,
      CommandPipeline pipeline,
      EventStore store,
      CaseRepository cases,
      Cases caseLoader,
      PlanRepository planRepository,
      IdempotentConsumer consumer,
      MeterRegistry registry,
      @ConfigProperty(name = "relance.dunning.day-runner-interval-ms", defaultValue = "250")
          long intervalMs,
      CreditorCountries countries,
      @ConfigProperty(name = "relance.dunning.send-window.from", defaultValue = "08:30")
          String windowFrom,
      @ConfigProperty(name = "relance.dunning.send-window.to", defaultValue = "18:30")
          String windowTo,
      @ConfigProperty(name = "relance.dunning.send-window.zone", defaultValue = "Europe/Paris")
          String windowZone,
      @ConfigProperty(name = "relance.dunning.credit-hold.enabled", defaultValue = "true")
          boolean creditHoldEnabled,
      @ConfigProperty(name = "relance.dunning.credit-hold.overdue-amount", defaultValue = "10000")
          Optional<BigDecimal> holdAmount,
      @ConfigProperty(name = "relance.dunning.credit-hold.days-late", defaultValue = "60")
          Optional<Integer> holdDays,
      @ConfigProperty(name = "relance.dunning.credit-hold.on-escalation", defaultValue = "true")
          boolean holdOnEscalation) {
    this.pool = pool;
    this.pipeline = pipeline;
    this.store = store;
    this.cases = cases;
    this.caseLoader = caseLoader;
    this.planRepository = planRepository;
    this.consumer = consumer;
    this.registry = registry;
    this.intervalMs = intervalMs;
    this.countries = countries;
    this.sendWindow =
        Json.toObject(new ReminderRequested.SendWindow(windowFrom, windowTo, windowZone));
    this.creditHolds =
        creditHoldEnabled
            ? new CreditHoldPolicy(holdAmount.orElse(null), holdDays.orElse(null), holdOnEscalation)
            : null;
    registry.gauge("relance.dunning.days.pending", pendingDays);
  }

  void start(@Observes StartupEvent event) {
    executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "dunning-day-runner");
              t.setDaemon(true);
              return t;
            });
    executor.scheduleWithFixedDelay(this::poll, 1000, intervalMs, TimeUnit.MILLISECONDS);
  }

  void stop(@Observes ShutdownEvent event) {
    if (executor != null) {
      executor.shutdownNow();
    }
  }

  private void poll() {
    try {
      runPendingDays();
    } catch (RuntimeException e) {
      LOG.warnf(e, "day runner pass failed, will retry");
    }
  }

  /** Decides every pending day that is safe, oldest first per tenant; returns how many ran. */
  public synchronized int runPendingDays() {
    int ran = 0;
    boolean progress = true;
    while (progress) {
      progress = false;
      List<CaseRepository.PendingDay> pending =
          pool.withConnection(cases::pendingDays).await().atMost(Duration.ofSeconds(30));
      pendingDays.set(
          pool.withConnection(cases::pendingDayCount).await().atMost(Duration.ofSeconds(30)));
      for (CaseRepository.PendingDay day : pending) {
        Watermark watermark =
            Watermark.fromHeader(day.watermark().getBytes(StandardCharsets.UTF_8));
        boolean safe =
            pool.withConnection(c -> consumer.reached(c, watermark, WATERMARK_TOPICS, day.tenant()))
                .await()
                .atMost(Duration.ofSeconds(30));
        if (!safe) {
          continue;
        }
        if (runDay(day)) {
          ran++;
          progress = true;
        }
      }
    }
    return ran;
  }

  /**
   * Runs one tenant-day under a PostgreSQL advisory lock held on one connection, so that two
   * instances never decide the same tenant at once (the second skips it; the first finishes it).
   *
   * @return false when another instance holds the tenant: the day stays pending for the next pass
   */
  private boolean runDay(CaseRepository.PendingDay day) {
    io.vertx.mutiny.sqlclient.SqlConnection lock = await(pool.getConnection());
    try {
      boolean mine = await(cases.tryLockDays(lock, day.tenant()));
      if (!mine) {
        return false;
      }
      try {
        decideDay(day);
        return true;
      } finally {
        await(cases.unlockDays(lock, day.tenant()));
      }
    } finally {
      lock.closeAndAwait();
    }
  }

  private void decideDay(CaseRepository.PendingDay day) {
    String tenant = day.tenant();
    // A day before the last one dunning already decided is history being replayed (a rebuilt
    // read model reading the clock from offset 0): its decisions are in the store, and deciding
    // it again with today's facts would date today's knowledge in the past.
    Optional<LocalDate> highWater =
        await(pool.withConnection(c -> store.lastBusinessDate(c, tenant, DECIDED_TYPES)));
    if (highWater.isPresent() && day.day().isBefore(highWater.get())) {
      await(pool.withTransaction(tx -> cases.dayDone(tx, tenant, day.day())));
      registry.counter("relance.dunning.days.replayed").increment();
      return;
    }
    List<UUID> ids = await(pool.withConnection(c -> cases.toDecide(c, tenant, day.day())));
    PlanRepository.TenantPlans plans =
        await(pool.withConnection(c -> planRepository.load(c, tenant))).asOf(day.day());
    BusinessCalendar calendar = countries.calendar(tenant);
    Map<String, Integer> latePayments = new HashMap<>();

    // First pass: every case's decision for the day, so that reminders of one debtor at one step
    // can be sent as one message. Then each case, or each debtor's batch as a whole, is recorded
    // in one transaction; one whose stream moved in between (a command arrived) is decided again.
    List<Decision> decisions = new ArrayList<>();
    for (UUID id : ids) {
      try {
        Optional<Cases.Loaded> loaded = await(pool.withConnection(c -> caseLoader.load(c, id)));
        if (loaded.isEmpty()) {
          continue;
        }
        DayContext ctx = context(loaded.get(), day.day(), calendar, plans, latePayments);
        decisions.add(
            new Decision(
                loaded.get(), DunningDecider.decide(loaded.get().dunning(), day.day(), ctx), ctx));
      } catch (RuntimeException e) {
        failed(id, day, e);
      }
    }
    for (List<Decision> unit : units(decisions)) {
      try {
        await(recordUnit(unit, tenant, day));
      } catch (RuntimeException e) {
        if (!(e instanceof ConcurrencyException || e.getCause() instanceof ConcurrencyException)) {
          unit.forEach(d -> failed(d.loaded().facts().invoiceId(), day, e));
          continue;
        }
        // decide the unit again from what is stored now (a promise, a pause...) and regroup it
        List<Decision> again = new ArrayList<>();
        for (Decision d : unit) {
          UUID id = d.loaded().facts().invoiceId();
          Cases.Loaded reloaded =
              await(pool.withConnection(c -> caseLoader.load(c, id))).orElseThrow();
          again.add(
              new Decision(
                  reloaded,
                  DunningDecider.decide(reloaded.dunning(), day.day(), d.ctx()),
                  d.ctx()));
        }
        try {
          await(recordUnit(again, tenant, day));
        } catch (RuntimeException retry) {
          again.forEach(d -> failed(d.loaded().facts().invoiceId(), day, retry));
        }
      }
    }
    if (creditHolds != null) {
      await(pool.withConnection(c -> cases.exposures(c, tenant, day.day())))
          .forEach(exposure -> creditHold(tenant, day, exposure));
    }
    await(pool.withTransaction(tx -> cases.dayDone(tx, tenant, day.day())));
    registry.counter("relance.dunning.days.decided").increment();
    LOG.debugf("day %s decided for %s (%d cases)", day.day(), tenant, ids.size());
  }

  private record Decision(Cases.Loaded loaded, List<DunningEvent> events, DayContext ctx) {}

  private DayContext context(
      Cases.Loaded loaded,
      LocalDate day,
      BusinessCalendar calendar,
      PlanRepository.TenantPlans plans,
      Map<String, Integer> latePayments) {
    int late = 0;
    if (loaded.dunning().plan().isEmpty()) {
      String debtor = loaded.facts().debtor().id();
      late =
          latePayments.computeIfAbsent(
              debtor,
              d ->
                  await(
                      pool.withConnection(
                          c -> cases.latePayments(c, loaded.facts().tenant(), d, day))));
    }
    return new DayContext(calendar, plans, plans.segments(), late);
  }

  /** The groups of a batch key: a debtor's requests at one step, channel, template and tone. */
  private static String batchKey(Decision d, DunningEvent.ReminderRequested r) {
    return String.join(
        "|",
        d.loaded().facts().debtor().id(),
        r.step().name(),
        r.step().channel().name(),
        r.step().template(),
        r.step().tone().name(),
        String.valueOf(r.recipient()),
        r.amountDue().currencyCode());
  }

  /**
   * One message per debtor: the day's decisions whose requests share a batch key form one unit,
   * recorded in one transaction (all of the batch or none of it); every other decision is a unit of
   * its own. Formal notices are never grouped: each stands alone as evidence.
   */
  private static List<List<Decision>> units(List<Decision> decisions) {
    List<List<Decision>> units = new ArrayList<>();
    for (Decision d : decisions) {
      if (groupable(d).isEmpty()) {
        units.add(List.of(d));
      }
    }
    for (List<Member> group : groups(decisions).values()) {
      units.add(group.stream().map(Member::decision).toList());
    }
    return units;
  }

  /** A decision that requests a groupable reminder, and that request. */
  private record Member(Decision decision, DunningEvent.ReminderRequested request) {}

  /** The groupable requests of {@code decisions}, by batch key, in decision order. */
  private static Map<String, List<Member>> groups(List<Decision> decisions) {
    Map<String, List<Member>> groups = new java.util.LinkedHashMap<>();
    for (Decision d : decisions) {
      groupable(d)
          .ifPresent(
              r ->
                  groups
                      .computeIfAbsent(batchKey(d, r), k -> new ArrayList<>())
                      .add(new Member(d, r)));
    }
    return groups;
  }

  private static Optional<DunningEvent.ReminderRequested> groupable(Decision d) {
    DunningPlan plan;
    try {
      plan = DunningDecider.planOf(d.loaded().dunning().evolve(d.events()), d.ctx());
    } catch (IllegalStateException unknownPlan) {
      return Optional.empty();
    }
    if (!plan.settings().groupByDebtor()) {
      return Optional.empty();
    }
    return d.events().stream()
        .filter(e -> e instanceof DunningEvent.ReminderRequested)
        .map(e -> (DunningEvent.ReminderRequested) e)
        .filter(r -> !r.step().isFormalNotice())
        .findFirst();
  }

  /**
   * The batch of a unit: the requests of its members that share a key, two or more. Its id derives
   * from the member requests, so a batch is the same batch only with the same invoices.
   */
  private Map<UUID, DunningCodec.Batch> batches(List<Decision> unit) {
    Map<UUID, DunningCodec.Batch> batches = new HashMap<>();
    for (List<Member> members : groups(unit).values()) {
      if (members.size() < 2) {
        continue;
      }
      List<String> requestIds =
          members.stream().map(m -> m.request().requestId().toString()).sorted().toList();
      UUID batchId = PendingEvent.deterministicId("ReminderBatch", String.join(",", requestIds));
      DunningCodec.Batch batch =
          new DunningCodec.Batch(
              batchId,
              members.stream()
                  .map(m -> DunningCodec.batchLine(m.decision().loaded().facts(), m.request()))
                  .toList());
      members.forEach(m -> batches.put(m.request().requestId(), batch));
      registry.counter("relance.dunning.reminders.grouped").increment(members.size());
    }
    return batches;
  }

  /**
   * Records a unit's decisions in one transaction (a debtor's batch is sent whole or not at all),
   * each invoice through the command pipeline: appended first, then its projections.
   */
  private Uni<Void> recordUnit(List<Decision> unit, String tenant, CaseRepository.PendingDay day) {
    Map<UUID, DunningCodec.Batch> batches = batches(unit);
    return pool.withTransaction(
        tx -> {
          Uni<Void> chain = Uni.createFrom().voidItem();
          for (Decision d : unit) {
            chain = chain.flatMap(v -> pipeline.runIn(tx, new RecordDecision(d, day, batches)));
          }
          return chain;
        });
  }

  /**
   * One invoice's decision of the day, taken in the first pass (to group a debtor's reminders): it
   * is appended at the version it was decided on, so a command recorded in between makes the unit
   * decide again.
   */
  private final class RecordDecision implements CommandPipeline.Command<Decision, Void> {

    private final Decision decision;
    private final Cases.Recording how;

    RecordDecision(
        Decision decision, CaseRepository.PendingDay day, Map<UUID, DunningCodec.Batch> batches) {
      this.decision = decision;
      this.how =
          new Cases.Recording(
              day.day(), decision.ctx(), day.tickId().toString(), batches, sendWindow, null);
    }

    @Override
    public Uni<CommandPipeline.Loaded<Decision>> load(io.vertx.mutiny.sqlclient.SqlConnection tx) {
      Cases.Loaded loaded = decision.loaded();
      return Uni.createFrom()
          .item(
              new CommandPipeline.Loaded<>(
                  loaded.facts().invoiceId().toString(), loaded.stored().size(), decision));
    }

    @Override
    public CommandPipeline.Decision<Void> decide(Decision d) {
      return new CommandPipeline.Decision<>(caseLoader.pending(d.loaded(), d.events(), how), null);
    }

    @Override
    public Uni<Void> project(
        io.vertx.mutiny.sqlclient.SqlConnection tx,
        CommandPipeline.Loaded<Decision> loaded,
        CommandPipeline.Decision<Void> result,
        List<org.relance.contracts.CloudEvent> appended) {
      Decision d = loaded.state();
      var after = d.loaded().dunning().evolve(d.events());
      DunningPlan plan = DunningDecider.planOf(after, d.ctx());
      String status = Cases.status(after, plan);
      LocalDate next =
          "ACTIVE".equals(status)
              ? DunningDecider.nextDecisionDay(after, how.day(), d.ctx())
              : null;
      return caseLoader
          .project(tx, d.loaded(), d.events(), appended, how)
          .flatMap(v -> cases.decided(tx, d.loaded().facts().invoiceId(), how.day(), status, next));
    }
  }

  private void creditHold(String tenant, CaseRepository.PendingDay day, DebtorExposure exposure) {
    try {
      await(pipeline.run(new CreditHoldChange(tenant, day, exposure)));
    } catch (RuntimeException e) {
      if (e instanceof DuplicateEventException || e.getCause() instanceof DuplicateEventException) {
        return;
      }
      if (Failures.isTransient(e)) {
        throw e;
      }
      LOG.errorf(e, "credit hold of debtor %s on %s failed", exposure.debtorId(), day.day());
    }
  }

  /** A debtor's credit hold placed or lifted as its exposure crosses the policy's thresholds. */
  private final class CreditHoldChange implements CommandPipeline.Command<Boolean, Void> {

    private final String tenant;
    private final CaseRepository.PendingDay day;
    private final DebtorExposure exposure;
    private final String stream;

    CreditHoldChange(String tenant, CaseRepository.PendingDay day, DebtorExposure exposure) {
      this.tenant = tenant;
      this.day = day;
      this.exposure = exposure;
      this.stream = DunningCodec.debtorStream(tenant, exposure.debtorId());
    }

    /** The state is whether the debtor is held: its stream's last event placed the hold. */
    @Override
    public Uni<CommandPipeline.Loaded<Boolean>> load(io.vertx.mutiny.sqlclient.SqlConnection tx) {
      return pipeline.loadStream(
          tx,
          stream,
          org.relance.contracts.CloudEvent::eventType,
          false,
          (held, type) -> type == EventType.CREDIT_HOLD_PLACED);
    }

    @Override
    public CommandPipeline.Decision<Void> decide(Boolean held) {
      Optional<Boolean> change = creditHolds.change(exposure, held);
      if (change.isEmpty()) {
        return CommandPipeline.Decision.none(null);
      }
      boolean place = change.get();
      EventType type = place ? EventType.CREDIT_HOLD_PLACED : EventType.CREDIT_HOLD_LIFTED;
      return new CommandPipeline.Decision<>(
          List.of(
              new PendingEvent(
                  PendingEvent.deterministicId(type.typeName(), stream, day.day().toString()),
                  type,
                  stream,
                  DunningCodec.creditHold(tenant, exposure, reasons(place), place, day.day()),
                  tenant,
                  day.day(),
                  stream,
                  day.tickId().toString())),
          null);
    }

    private List<String> reasons(boolean place) {
      return place
          ? creditHolds.reasons(exposure)
          : List.of("overdue debt back under every threshold");
    }

    @Override
    public Uni<Void> project(
        io.vertx.mutiny.sqlclient.SqlConnection tx,
        CommandPipeline.Loaded<Boolean> loaded,
        CommandPipeline.Decision<Void> decision,
        List<org.relance.contracts.CloudEvent> appended) {
      if (appended.isEmpty()) {
        return Uni.createFrom().voidItem();
      }
      boolean place = appended.get(0).eventType() == EventType.CREDIT_HOLD_PLACED;
      return cases
          .creditHold(tx, tenant, exposure.debtorId(), place, day.day(), reasons(place))
          .invoke(
              v ->
                  registry
                      .counter(
                          "relance.dunning.credit.holds", "change", place ? "placed" : "lifted")
                      .increment());
    }
  }

  private void failed(UUID id, CaseRepository.PendingDay day, RuntimeException e) {
    if (e instanceof DuplicateEventException || e.getCause() instanceof DuplicateEventException) {
      return; // the same decision is stored already (another instance, a retry)
    }
    if (Failures.isTransient(e)) {
      throw e; // the database is away: the whole day is retried, nothing is skipped
    }
    // One invoice whose decision keeps failing must not hold every later day of the tenant: it is
    // left undecided today (and decided again on the next day), loudly.
    LOG.errorf(
        e,
        "dunning decision for invoice %s on %s failed; the day goes on without it",
        id,
        day.day());
    registry.counter("relance.dunning.decisions.failed").increment();
  }

  private static <T> T await(Uni<T> uni) {
    return uni.await().atMost(Duration.ofSeconds(60));
  }
}
