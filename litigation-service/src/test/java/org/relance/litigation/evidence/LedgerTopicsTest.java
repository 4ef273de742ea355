package org.relance.litigation.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.Arrays;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.relance.contracts.EventType;
import org.relance.contracts.KeyKind;

/**
 * The ledger verifies each (source, invoice) hash chain: a missing topic would leave gaps in a
 * chain and the evidence file would not verify. Every invoice-keyed type must be consumed.
 */
class LedgerTopicsTest {

  @Test
  void the_ledger_consumes_every_topic_keyed_by_an_invoice() throws Exception {
    Properties config = new Properties();
    try (InputStream in =
        getClass().getClassLoader().getResourceAsStream("application.properties")) {
      config.load(in);
    }
    var consumed =
        Arrays.asList(config.getProperty("mp.messaging.incoming.events.topics").split(","));

    for (EventType type : EventType.values()) {
      if (type.key() == KeyKind.INVOICE) {
        assertThat(consumed).as(type.topic()).contains(type.topic());
      }
    }
  }
}
