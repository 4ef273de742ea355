package org.relance.platform.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.relance.platform.testsupport.PlatformDatabase.await;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.relance.contracts.CloudEvent;
import org.relance.contracts.EventCodec;
import org.relance.contracts.HashChain;
import org.relance.contracts.Refusal;
import org.relance.contracts.events.DayStarted;
import org.relance.platform.command.CommandPipeline.Command;
import org.relance.platform.command.CommandPipeline.Decision;
import org.relance.platform.command.CommandPipeline.Loaded;
import org.relance.platform.eventstore.EventStore;
import org.relance.platform.eventstore.PendingEvent;
import org.relance.platform.testsupport.Events;
import org.relance.platform.testsupport.PlatformDatabase;

/**
 * The command pipeline on a real PostgreSQL: a decision's events and its projection commit
 * together, a refusal or a failed projection stores nothing, and a lost version race reruns the
 * whole command on the new state. The aggregate here is a tenant's clock: its state is the last day
 * started, and "start the next day" is the command.
 */
class CommandPipelineIT {

  private static PlatformDatabase db;
  private static EventStore store;
  private static CommandPipeline pipeline;

  @BeforeAll
  static void database() {
    db = PlatformDatabase.create("command_pipeline_it");
    db.execute("create table last_day (tenant text primary key, day date not null)");
    store = new EventStore("invoice-service", 262144, db.personalData());
    pipeline = new CommandPipeline(db.pool(), store);
  }

  @AfterAll
  static void close() {
    db.close();
  }

  /** Starts the day after the last one; refuses when asked to start a day not after it. */
  private static class StartNextDay implements Command<LocalDate, LocalDate> {
    final String tenant;
    final LocalDate notAfter;
    final AtomicInteger decisions = new AtomicInteger();
    CountDownLatch loadedOnce;
    CountDownLatch mayDecide;
    boolean failProjection;

    StartNextDay(String tenant, LocalDate notAfter) {
      this.tenant = tenant;
      this.notAfter = notAfter;
    }

    @Override
    public Uni<Loaded<LocalDate>> load(SqlConnection tx) {
      Uni<Loaded<LocalDate>> loaded =
          pipeline.loadStream(
              tx,
              tenant,
              event -> EventCodec.read(event, DayStarted.class).date(),
              Events.DAY.minusDays(1),
              (last, day) -> day);
      if (loadedOnce == null) {
        return loaded;
      }
      // the first run waits, after reading, until the racing command has committed
      return loaded.call(
          l ->
              Uni.createFrom()
                  .item(
                      () -> {
                        loadedOnce.countDown();
                        await(mayDecide);
                        return l;
                      })
                  .runSubscriptionOn(
                      io.smallrye.mutiny.infrastructure.Infrastructure.getDefaultWorkerPool()));
    }

    @Override
    public Decision<LocalDate> decide(LocalDate last) {
      decisions.incrementAndGet();
      LocalDate next = last.plusDays(1);
      if (next.isAfter(notAfter)) {
        throw Refusal.conflict("day " + next + " is after " + notAfter);
      }
      PendingEvent started =
          new PendingEvent(
              UUID.randomUUID(),
              org.relance.contracts.EventType.DAY_STARTED,
              tenant,
              new DayStarted(tenant, next, "Europe/Paris"),
              tenant,
              next,
              tenant,
              null);
      return new Decision<>(List.of(started), next);
    }

    @Override
    public Uni<Void> project(
        SqlConnection tx,
        Loaded<LocalDate> loaded,
        Decision<LocalDate> decision,
        List<CloudEvent> appended) {
      if (failProjection) {
        return Uni.createFrom().failure(new IllegalStateException("projection failed"));
      }
      return tx.preparedQuery(
              "insert into last_day (tenant, day) values ($1, $2)"
                  + " on conflict (tenant) do update set day = excluded.day")
          .execute(Tuple.of(tenant, decision.result()))
          .replaceWithVoid();
    }

    private static void await(CountDownLatch latch) {
      try {
        if (!latch.await(30, TimeUnit.SECONDS)) {
          throw new IllegalStateException("latch timed out");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  private static List<CloudEvent> stream(String tenant) {
    return await(store.readStream(db.pool(), tenant));
  }

  private static long projected(String tenant) {
    return db.count("select count(*) from last_day where tenant = $1", tenant);
  }

  @Test
  void a_decision_is_appended_at_the_loaded_version_and_projected_in_the_same_transaction() {
    String tenant = Events.tenant();

    LocalDate first = await(pipeline.run(new StartNextDay(tenant, Events.DAY.plusDays(5))));
    LocalDate second = await(pipeline.run(new StartNextDay(tenant, Events.DAY.plusDays(5))));

    assertThat(first).isEqualTo(Events.DAY);
    assertThat(second).isEqualTo(Events.DAY.plusDays(1));
    List<CloudEvent> events = stream(tenant);
    assertThat(events).extracting(CloudEvent::sequence).containsExactly("1", "2");
    assertThat(HashChain.verify(events).verified()).isTrue();
    assertThat(
            db.rows("select day from last_day where tenant = $1", tenant)
                .get(0)
                .getLocalDate("day"))
        .isEqualTo(second);
  }

  @Test
  void a_refusal_stores_nothing_and_reaches_the_caller() {
    String tenant = Events.tenant();

    assertThatThrownBy(() -> await(pipeline.run(new StartNextDay(tenant, Events.DAY.minusDays(1)))))
        .isInstanceOf(Refusal.class)
        .hasMessageContaining("is after");

    assertThat(stream(tenant)).isEmpty();
    assertThat(projected(tenant)).isZero();
  }

  @Test
  void a_failed_projection_rolls_the_appended_events_back() {
    String tenant = Events.tenant();
    StartNextDay command = new StartNextDay(tenant, Events.DAY.plusDays(5));
    command.failProjection = true;

    assertThatThrownBy(() -> await(pipeline.run(command)))
        .hasMessageContaining("projection failed");

    assertThat(stream(tenant)).isEmpty();
    assertThat(projected(tenant)).isZero();
  }

  @Test
  void a_command_that_lost_the_version_race_runs_again_on_the_new_state() throws Exception {
    String tenant = Events.tenant();
    StartNextDay slow = new StartNextDay(tenant, Events.DAY.plusDays(5));
    slow.loadedOnce = new CountDownLatch(1);
    slow.mayDecide = new CountDownLatch(1);

    CompletableFuture<LocalDate> slowResult =
        pipeline.run(slow).subscribeAsCompletionStage().toCompletableFuture();
    assertThat(slow.loadedOnce.await(30, TimeUnit.SECONDS)).isTrue();
    LocalDate fast = await(pipeline.run(new StartNextDay(tenant, Events.DAY.plusDays(5))));
    slow.loadedOnce = null; // the rerun loads without waiting
    slow.mayDecide.countDown();
    LocalDate afterRace = slowResult.get(30, TimeUnit.SECONDS);

    assertThat(fast).isEqualTo(Events.DAY);
    assertThat(afterRace).isEqualTo(Events.DAY.plusDays(1));
    assertThat(slow.decisions).hasValue(2);
    assertThat(stream(tenant)).extracting(CloudEvent::sequence).containsExactly("1", "2");
  }

  @Test
  void a_decision_with_no_events_appends_nothing_and_returns_its_result() {
    String tenant = Events.tenant();
    Command<LocalDate, String> nothing =
        new Command<>() {
          @Override
          public Uni<Loaded<LocalDate>> load(SqlConnection tx) {
            return Uni.createFrom().item(new Loaded<>(tenant, 0, Events.DAY));
          }

          @Override
          public Decision<String> decide(LocalDate state) {
            return Decision.none("already done");
          }
        };

    assertThat(await(pipeline.run(nothing))).isEqualTo("already done");
    assertThat(stream(tenant)).isEmpty();
  }
}
