package org.relance.platform.consumer;

import io.vertx.pgclient.PgException;
import java.io.IOException;
import org.relance.contracts.InvalidEventException;
import org.relance.platform.eventstore.ConcurrencyException;

/** Sorts failures into those worth retrying and those that make a record a poison message. */
public final class Failures {

  private Failures() {}

  /**
   * The infrastructure or a concurrent writer got in the way: the same record will succeed later,
   * so it is retried in place (its partition waits) rather than dead-lettered.
   */
  public static boolean isTransient(Throwable t) {
    return anyCause(t, c -> c instanceof ConcurrencyException || conflict(c) || unreachable(c));
  }

  /**
   * The database cannot be reached or is shutting down: the request or record did nothing and will
   * succeed once it is back (an HTTP caller gets 503 with Retry-After).
   */
  public static boolean isUnavailable(Throwable t) {
    return anyCause(
        t,
        c ->
            unreachable(c)
                || c instanceof io.vertx.core.impl.NoStackTraceThrowable
                || c instanceof io.smallrye.mutiny.TimeoutException
                || c instanceof java.util.concurrent.TimeoutException);
  }

  /**
   * 08: connection exception, 57P: operator intervention (shutdown), 53: insufficient resources.
   */
  private static boolean unreachable(Throwable c) {
    if (c instanceof PgException pg) {
      String state = state(pg);
      return state.startsWith("08") || state.startsWith("57P") || state.startsWith("53");
    }
    return c instanceof IOException || c instanceof io.vertx.core.VertxException;
  }

  /** 40001: serialization failure, 40P01: deadlock. */
  private static boolean conflict(Throwable c) {
    return c instanceof PgException pg && (state(pg).equals("40001") || state(pg).equals("40P01"));
  }

  private static String state(PgException pg) {
    return pg.getSqlState() == null ? "" : pg.getSqlState();
  }

  /** Causes are walked to a bounded depth: a cycle (a caused by b caused by a) must not hang. */
  private static final int MAX_CAUSES = 32;

  private static boolean anyCause(Throwable t, java.util.function.Predicate<Throwable> test) {
    Throwable c = t;
    for (int depth = 0; c != null && depth < MAX_CAUSES; depth++) {
      if (test.test(c)) {
        return true;
      }
      c = c.getCause() == c ? null : c.getCause();
    }
    return false;
  }

  /**
   * The record itself is wrong: retrying cannot help. Looked for through the causes, as a pipeline
   * may wrap the decoding failure.
   */
  public static boolean isPoison(Throwable t) {
    return anyCause(
        t,
        c ->
            c instanceof InvalidEventException
                || c instanceof org.relance.platform.eventstore.EventTooLargeException);
  }
}
