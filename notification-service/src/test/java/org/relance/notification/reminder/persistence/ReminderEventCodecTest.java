package org.relance.notification.reminder.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.relance.contracts.CanonicalJson;
import org.relance.contracts.CloudEvent;
import org.relance.contracts.EventCodec;
import org.relance.notification.reminder.domain.Proof;
import org.relance.notification.reminder.domain.ReminderOutcome;

/**
 * The outcomes notification-service publishes, read and written against the contract's golden
 * examples: what it appends is, byte for byte, what the hash chains were computed over.
 */
class ReminderEventCodecTest {

  private static final Path GOLDEN =
      Path.of("../platform/contracts/src/test/resources/golden/events");
  private static final UUID REQUEST = UUID.fromString("5f7a1c2e-1111-5000-8000-000000000111");
  private static final UUID INVOICE = UUID.fromString("0b9c2a52-8a4e-4c39-9d3e-6f1d2c1b7a01");

  private static CloudEvent golden(String type) throws IOException {
    return CloudEvent.parse(Files.readString(GOLDEN.resolve(type + ".json")));
  }

  private static String canonical(ReminderOutcome outcome) {
    return CanonicalJson.canonicalString(EventCodec.write(ReminderEventCodec.toData(outcome)));
  }

  @Test
  void the_golden_reminder_sent_reads_as_its_proof_and_writes_back_byte_for_byte()
      throws IOException {
    CloudEvent golden = golden("ReminderSent");

    ReminderOutcome outcome = ReminderEventCodec.fromCloudEvent(golden);

    assertThat(outcome)
        .isEqualTo(
            new ReminderOutcome.Sent(
                REQUEST,
                INVOICE,
                "FRIENDLY_EMAIL",
                new Proof(
                    "EMAIL",
                    "compta@dupont.example",
                    "friendly-reminder",
                    "1",
                    "8d7515adf0d1af47afa9bde79c7a27d1d7da468033a59962476fe75b9139ee7d",
                    "<5f7a1c2e-1111-5000-8000-000000000111@relance.local>",
                    null,
                    "2026-02-05T08:00:02.000Z",
                    "Rappel : facture F-2026-0001",
                    "Bonjour,\nsauf erreur de notre part, la facture F-2026-0001 reste impayée.\n",
                    "text/plain; charset=UTF-8")));
    // providerMessageId stays in the bytes as an explicit null
    assertThat(canonical(outcome)).isEqualTo(CanonicalJson.canonicalString(golden.data()));
  }

  @Test
  void the_golden_reminder_failed_reads_as_the_failure_and_writes_back_byte_for_byte()
      throws IOException {
    CloudEvent golden = golden("ReminderFailed");

    ReminderOutcome outcome = ReminderEventCodec.fromCloudEvent(golden);

    assertThat(outcome)
        .isEqualTo(
            new ReminderOutcome.Failed(
                REQUEST,
                INVOICE,
                "FRIENDLY_EMAIL",
                "EMAIL",
                "compta@dupont.example",
                "550 mailbox unavailable",
                "2026-02-05T08:00:02.000Z"));
    assertThat(canonical(outcome)).isEqualTo(CanonicalJson.canonicalString(golden.data()));
  }

  @Test
  void a_failure_without_an_email_address_publishes_the_recipient_as_null() {
    ReminderOutcome failed =
        new ReminderOutcome.Failed(
            REQUEST,
            INVOICE,
            "FRIENDLY_EMAIL",
            "EMAIL",
            null,
            "the debtor has no email address",
            "2026-02-05T08:00:02.000Z");

    assertThat(canonical(failed)).contains("\"recipient\":null");
    assertThat(ReminderEventCodec.fromCloudEvent(withData(failed))).isEqualTo(failed);
  }

  private static CloudEvent withData(ReminderOutcome outcome) {
    var data = EventCodec.write(ReminderEventCodec.toData(outcome));
    var type = EventCodec.typeOf(ReminderEventCodec.toData(outcome));
    return new CloudEvent(
        CloudEvent.SPEC_VERSION,
        UUID.randomUUID().toString(),
        type.typeName(),
        type.producer(),
        INVOICE.toString(),
        "2026-02-05T08:00:02.000Z",
        CloudEvent.DATA_CONTENT_TYPE,
        type.dataschema(1),
        "default",
        "2026-02-05",
        "1",
        INVOICE.toString(),
        null,
        null,
        null,
        data);
  }
}
