package org.relance.litigation.evidence.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.relance.litigation.evidence.domain.HistoryOrder.Position;

class HistoryOrderTest {

  private static Position at(String date, String time, String source, long sequence) {
    return new Position(date, Instant.parse(time), source, sequence, source + "-" + sequence);
  }

  @Test
  void the_business_date_comes_before_the_recorded_instant_then_the_source_then_the_sequence() {
    Position nextDay = at("2026-02-05", "2026-02-04T07:00:00.000Z", "dunning-service", 1);
    Position later = at("2026-02-04", "2026-02-04T09:00:00.000Z", "dunning-service", 1);
    Position invoice = at("2026-02-04", "2026-02-04T08:00:00.000Z", "invoice-service", 2);
    Position dunning = at("2026-02-04", "2026-02-04T08:00:00.000Z", "dunning-service", 3);
    Position dunningFirst = at("2026-02-04", "2026-02-04T08:00:00.000Z", "dunning-service", 2);
    List<Position> history =
        new ArrayList<>(List.of(nextDay, later, invoice, dunning, dunningFirst));

    history.sort(HistoryOrder.HISTORY);

    assertThat(history).containsExactly(dunningFirst, dunning, invoice, later, nextDay);
  }

  @Test
  void a_chain_is_its_producers_events_in_sequence_whatever_their_dates() {
    Position second = at("2026-02-04", "2026-02-04T08:00:00.000Z", "invoice-service", 2);
    Position first = at("2026-02-05", "2026-02-05T08:00:00.000Z", "invoice-service", 1);
    List<Position> chain = new ArrayList<>(List.of(second, first));

    chain.sort(HistoryOrder.CHAIN);

    assertThat(chain).containsExactly(first, second);
  }
}
