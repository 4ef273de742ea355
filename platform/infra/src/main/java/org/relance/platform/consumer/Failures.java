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
    if (t instanceof ConcurrencyException) {
      return true;
    }
    if (t instanceof PgException pg) {
      String state = pg.getSqlState() == null ? "" : pg.getSqlState();
      // 08: connection exception, 40001: serialization failure, 40P01: deadlock,
      // 57P: operator intervention (shutdown), 53: insufficient resources
      return state.startsWith("08")
          || state.equals("40001")
          || state.equals("40P01")
          || state.startsWith("57P")
          || state.startsWith("53");
    }
    return t instanceof IOException
        || t instanceof io.vertx.core.VertxException
        || (t.getCause() != null && t.getCause() != t && isTransient(t.getCause()));
  }

  /**
   * The database cannot be reached or is shutting down: the request or record did nothing and will
   * succeed once it is back (an HTTP caller gets 503 with Retry-After).
   */
  public static boolean isUnavailable(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof PgException pg) {
        String state = pg.getSqlState() == null ? "" : pg.getSqlState();
        if (state.startsWith("08") || state.startsWith("57P") || state.startsWith("53")) {
          return true;
        }
      } else if (c instanceof IOException
          || c instanceof io.vertx.core.VertxException
          || c instanceof io.vertx.core.impl.NoStackTraceThrowable
          || c instanceof io.smallrye.mutiny.TimeoutException
          || c instanceof java.util.concurrent.TimeoutException) {
        return true;
      }
    }
    return false;
  }

  /** The record itself is wrong: retrying cannot help. */
  public static boolean isPoison(Throwable t) {
    return t instanceof InvalidEventException
        || t instanceof org.relance.platform.eventstore.EventTooLargeException;
  }
}
