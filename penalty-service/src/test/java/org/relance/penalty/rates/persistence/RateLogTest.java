package org.relance.penalty.rates.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.relance.contracts.CanonicalJson;
import org.relance.contracts.CloudEvent;
import org.relance.contracts.EventCodec;
import org.relance.contracts.EventSchemas;
import org.relance.contracts.EventType;
import org.relance.contracts.events.RateRecorded;
import org.relance.penalty.rates.domain.RatePoint;
import org.relance.penalty.rates.domain.RateRecording;

/** RateRecorded read and written against the contract's golden example. */
class RateLogTest {

  private static final Path GOLDEN =
      Path.of("../platform/contracts/src/test/resources/golden/events/RateRecorded.json");

  @Test
  void the_golden_rate_recorded_reads_as_the_value_and_writes_back_byte_for_byte()
      throws IOException {
    CloudEvent golden = CloudEvent.parse(Files.readString(GOLDEN));

    RateRecording recording = RateLog.recording(EventCodec.read(golden, RateRecorded.class));

    assertThat(recording)
        .isEqualTo(
            new RateRecording(
                "ECB_MRO",
                new RatePoint(
                    LocalDate.parse("2026-06-10"),
                    new BigDecimal("2.40"),
                    "ECB press release of 4 June 2026"),
                LocalDate.parse("2026-11-30"),
                "credit-ops"));
    assertThat(new String(CanonicalJson.canonicalize(EventCodec.write(RateLog.record(recording)))))
        .isEqualTo(new String(CanonicalJson.canonicalize(golden.data())));
  }

  @Test
  void a_value_that_keeps_the_verified_date_says_so_with_an_explicit_null() {
    RateRecording recording =
        new RateRecording(
            "FR_LEGAL_PROFESSIONAL",
            new RatePoint(LocalDate.parse("2026-07-01"), new BigDecimal("2.62"), "arrêté"),
            null,
            "operator");

    JsonNode data = EventCodec.write(RateLog.record(recording));

    assertThat(new String(CanonicalJson.canonicalize(data)))
        .isEqualTo(
            "{\"effectiveFrom\":\"2026-07-01\",\"ratePercent\":\"2.62\",\"recordedBy\":\"operator\","
                + "\"series\":\"FR_LEGAL_PROFESSIONAL\",\"source\":\"arrêté\",\"verifiedThrough\":null}");
    assertThat(EventSchemas.faults(EventType.RATE_RECORDED, data)).isEmpty();
    assertThat(RateLog.recording(org.relance.contracts.Json.convert(data, RateRecorded.class)))
        .isEqualTo(recording);
  }
}
