package org.relance.platform.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.VertxException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.pgclient.PgException;
import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.relance.contracts.InvalidEventException;
import org.relance.platform.eventstore.ConcurrencyException;
import org.relance.platform.eventstore.DuplicateEventException;
import org.relance.platform.eventstore.EventTooLargeException;

/** How the consumer (and the HTTP layer) sort a failure: retry in place, give up, or 503. */
class FailuresTest {

  private static PgException pg(String sqlState) {
    return new PgException("failure " + sqlState, "ERROR", sqlState, null);
  }

  @Test
  void a_concurrent_writer_or_a_serialization_conflict_is_transient() {
    assertThat(Failures.isTransient(new ConcurrencyException("s", 1, 2))).isTrue();
    assertThat(Failures.isTransient(pg("40001"))).as("serialization failure").isTrue();
    assertThat(Failures.isTransient(pg("40P01"))).as("deadlock").isTrue();
  }

  @Test
  void an_unreachable_or_stopping_database_is_transient_and_unavailable() {
    for (String state : new String[] {"08006", "08001", "57P01", "57P03", "53300"}) {
      assertThat(Failures.isTransient(pg(state))).as(state).isTrue();
      assertThat(Failures.isUnavailable(pg(state))).as(state).isTrue();
    }
    assertThat(Failures.isTransient(new ConnectException("refused"))).isTrue();
    assertThat(Failures.isTransient(new IOException("reset"))).isTrue();
    assertThat(Failures.isTransient(new VertxException("closed"))).isTrue();
  }

  @Test
  void causes_are_looked_through() {
    RuntimeException wrapped =
        new RuntimeException("outer", new IllegalStateException("middle", pg("08006")));
    assertThat(Failures.isTransient(wrapped)).isTrue();
    assertThat(Failures.isUnavailable(wrapped)).isTrue();
    assertThat(Failures.isTransient(new RuntimeException(new ConcurrencyException("x")))).isTrue();
  }

  @Test
  void what_the_record_or_the_code_did_wrong_is_not_transient() {
    assertThat(Failures.isTransient(pg("23505"))).as("unique violation").isFalse();
    assertThat(Failures.isTransient(pg("42501"))).as("append-only refusal").isFalse();
    assertThat(Failures.isTransient(pg(null))).as("no state").isFalse();
    assertThat(Failures.isTransient(new IllegalStateException("bug"))).isFalse();
    assertThat(Failures.isTransient(new InvalidEventException("bad"))).isFalse();
    assertThat(Failures.isTransient(new DuplicateEventException("dup"))).isFalse();
  }

  @Test
  void timeouts_and_pool_errors_mean_unavailable_but_a_conflict_does_not() {
    assertThat(Failures.isUnavailable(new TimeoutException())).isTrue();
    assertThat(Failures.isUnavailable(new io.smallrye.mutiny.TimeoutException())).isTrue();
    assertThat(Failures.isUnavailable(new NoStackTraceThrowable("pool closed"))).isTrue();
    assertThat(Failures.isUnavailable(new ConcurrencyException("s", 1, 2))).isFalse();
    assertThat(Failures.isUnavailable(pg("40001"))).isFalse();
    assertThat(Failures.isUnavailable(new IllegalArgumentException())).isFalse();
  }

  @Test
  void a_bad_record_or_an_event_too_large_is_poison_and_nothing_else_is() {
    assertThat(Failures.isPoison(new InvalidEventException("bad"))).isTrue();
    assertThat(Failures.isPoison(new EventTooLargeException("InvoiceIssued", 300_000, 262_144)))
        .isTrue();
    assertThat(Failures.isPoison(new ConcurrencyException("s", 1, 2))).isFalse();
    assertThat(Failures.isPoison(pg("08006"))).isFalse();
    assertThat(Failures.isPoison(new IllegalStateException())).isFalse();
  }

  @Test
  void a_bad_record_wrapped_by_the_pipeline_is_still_poison() {
    assertThat(
            Failures.isPoison(
                new java.util.concurrent.CompletionException(new InvalidEventException("bad"))))
        .isTrue();
  }

  @Test
  void a_cycle_of_causes_ends() {
    IllegalStateException a = new IllegalStateException("a");
    IllegalArgumentException b = new IllegalArgumentException("b", a);
    a.initCause(b);

    assertThat(Failures.isPoison(a)).isFalse();
    assertThat(Failures.isTransient(a)).isFalse();
  }
}
