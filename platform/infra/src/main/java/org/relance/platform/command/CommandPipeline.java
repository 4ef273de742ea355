package org.relance.platform.command;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.relance.contracts.CloudEvent;
import org.relance.platform.eventstore.ConcurrencyException;
import org.relance.platform.eventstore.EventStore;

/**
 * The one way a command runs, in every service: in one transaction, load the aggregate's stream and
 * fold it, let the pure decider decide, append its events at the version that was loaded, project
 * them into the read models, and commit. When another transaction appended to the stream first,
 * nothing was stored and the whole command runs again on the new state.
 *
 * <p>Nothing is published from here: the relay publishes what committed. Appending is the
 * transaction's first write (see {@link EventStore}); loading may take advisory locks and read.
 *
 * <p>A refusal ({@link org.relance.contracts.Refusal}) thrown by the decider rolls the transaction
 * back and reaches the API, which maps it to problem+json in one place.
 */
@ApplicationScoped
public class CommandPipeline {

  /** How many times a command runs again after losing a version race before giving up (409). */
  static final int RACE_RETRIES = 5;

  private final Pool pool;
  private final EventStore store;

  public CommandPipeline(Pool pool, EventStore store) {
    this.pool = pool;
    this.store = store;
  }

  /** Runs a command in a transaction of its own; a lost version race runs it again. */
  public <S, R> Uni<R> run(Command<S, R> command) {
    return Uni.createFrom()
        .deferred(() -> pool.withTransaction(tx -> runIn(tx, command)))
        .onFailure(ConcurrencyException.class)
        .retry()
        .withBackOff(Duration.ofMillis(10), Duration.ofMillis(200))
        .atMost(RACE_RETRIES);
  }

  /**
   * Runs a command inside the caller's transaction, for a use case that decides for several streams
   * at once (the caller retries as a whole).
   */
  public <S, R> Uni<R> runIn(SqlConnection tx, Command<S, R> command) {
    return command
        .load(tx)
        .flatMap(
            loaded -> {
              Decision<R> decision = command.decide(loaded.state());
              if (decision.events().isEmpty()) {
                return command
                    .project(tx, loaded, decision, List.of())
                    .replaceWith(decision.result());
              }
              return store
                  .append(tx, loaded.streamId(), loaded.version(), decision.events())
                  .flatMap(stored -> command.project(tx, loaded, decision, stored))
                  .replaceWith(decision.result());
            });
  }

  /**
   * Loads an event-sourced aggregate: its stream read in order, each event decoded and folded from
   * {@code initial}. The version is the stream's length, 0 for a stream not yet started.
   */
  public <S, E> Uni<Loaded<S>> loadStream(
      SqlConnection tx,
      String streamId,
      Function<CloudEvent, E> decode,
      S initial,
      BiFunction<S, E, S> evolve) {
    return store
        .readStream(tx, streamId)
        .map(
            events -> {
              S state = initial;
              for (CloudEvent event : events) {
                state = evolve.apply(state, decode.apply(event));
              }
              return new Loaded<>(streamId, events.size(), state);
            });
  }

  /**
   * One command of one aggregate: how to load it and what to decide. Implementations are small and
   * named after the business ("RecordPayment"); the decision itself belongs to the domain.
   *
   * @param <S> the aggregate's state as the decider sees it
   * @param <R> what the use case returns to its caller
   */
  public interface Command<S, R> {

    /** Reads the stream (and whatever else the decision needs) inside the transaction. */
    Uni<Loaded<S>> load(SqlConnection tx);

    /** Pure: the events to append and the result, or a thrown refusal. */
    Decision<R> decide(S state);

    /**
     * Updates the read models from what was appended, in the same transaction (nothing by default).
     * Called also when the decision appended nothing, with an empty list.
     */
    default Uni<Void> project(
        SqlConnection tx, Loaded<S> loaded, Decision<R> decision, List<CloudEvent> appended) {
      return Uni.createFrom().voidItem();
    }
  }

  /**
   * An aggregate as loaded: its stream, the version the append expects, and its state.
   *
   * @param version the stream's version when it was read (0 for a new stream), or {@link
   *     EventStore#ANY_VERSION} for a stream with a single writer
   */
  public record Loaded<S>(String streamId, long version, S state) {}

  /** What a decider decided: the events to append (possibly none) and the use case's result. */
  public record Decision<R>(List<org.relance.platform.eventstore.PendingEvent> events, R result) {
    public Decision {
      events = List.copyOf(events);
    }

    /** A decision that changes nothing (an idempotent repeat, say). */
    public static <R> Decision<R> none(R result) {
      return new Decision<>(List.of(), result);
    }
  }
}
