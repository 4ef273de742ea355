package org.relance.litigation.evidence.domain;

import java.time.Instant;
import java.util.Comparator;

/**
 * The order in which an evidence file tells an invoice's history, the same however and whenever the
 * events reached this service: business date, then the instant the producer recorded it, then
 * source and sequence (and the event id, so that no two events tie).
 */
public final class HistoryOrder {

  /** What the order looks at in one recorded event. */
  public record Position(
      String businessDate, Instant recordedAt, String source, long sequence, String eventId) {}

  /** The history as a court reads it. */
  public static final Comparator<Position> HISTORY =
      Comparator.comparing(Position::businessDate)
          .thenComparing(Position::recordedAt)
          .thenComparing(Position::source)
          .thenComparingLong(Position::sequence)
          .thenComparing(Position::eventId);

  /** One producer's hash chain: its events in the order it appended them. */
  public static final Comparator<Position> CHAIN =
      Comparator.comparing(Position::source).thenComparingLong(Position::sequence);

  private HistoryOrder() {}
}
