package org.relance.invoice.clock.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.relance.contracts.CanonicalJson;
import org.relance.contracts.CloudEvent;
import org.relance.contracts.EventCodec;
import org.relance.contracts.events.DayStarted;

/** The tick the clock appends, against the contract's golden example. */
class DayStartedTest {

  @Test
  void the_tick_of_a_day_writes_the_golden_day_started_byte_for_byte() throws IOException {
    CloudEvent golden =
        CloudEvent.parse(
            Files.readString(
                Path.of("../platform/contracts/src/test/resources/golden/events/DayStarted.json")));

    // as ClockCommands builds it when the tenant's next day starts
    DayStarted tick = new DayStarted("default", LocalDate.parse("2026-02-05"), "Europe/Paris");

    assertThat(EventCodec.read(golden, DayStarted.class)).isEqualTo(tick);
    assertThat(CanonicalJson.canonicalString(EventCodec.write(tick)))
        .isEqualTo(CanonicalJson.canonicalString(golden.data()));
  }
}
