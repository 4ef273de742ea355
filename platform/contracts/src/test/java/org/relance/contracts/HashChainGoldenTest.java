package org.relance.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The hash chain as design.md defines it, pinned by golden files written by an independent
 * implementation (golden/generate.py). A failure here is a contract change: every evidence file
 * already sealed would stop verifying.
 */
class HashChainGoldenTest {

  @Test
  void the_golden_invoice_stream_verifies() {
    List<CloudEvent> stream = Golden.invoiceStream();

    ChainVerification verdict = HashChain.verify(stream);

    assertThat(verdict.verified()).as(verdict.reason()).isTrue();
    assertThat(verdict.length()).isEqualTo(3);
    assertThat(verdict.head()).isEqualTo(stream.get(2).hash());
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void every_golden_event_hashes_to_the_value_the_independent_implementation_wrote(EventType type) {
    CloudEvent event = Golden.event(type);

    assertThat(HashChain.hashOf(event)).isEqualTo(event.hash());
  }

  @Test
  void the_hash_is_sha256_of_prevhash_then_the_canonical_event_without_hash() throws Exception {
    CloudEvent first = Golden.invoiceStream().get(0);
    String canonical = CanonicalJson.canonicalString(first.withoutHash());
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    sha.update(HashChain.GENESIS.getBytes(StandardCharsets.US_ASCII));
    sha.update(canonical.getBytes(StandardCharsets.UTF_8));

    assertThat(HexFormat.of().formatHex(sha.digest())).isEqualTo(first.hash());
    assertThat(canonical).startsWith("{\"businessdate\":\"2026-01-05\",\"correlationid\":");
    assertThat(canonical).doesNotContain("\"hash\"");
  }

  @Test
  void canonical_json_sorts_keys_and_drops_whitespace() {
    assertThat(
            new String(
                CanonicalJson.canonicalize(
                    "{ \"b\" : 1, \"a\" : { \"d\": [true, null], \"c\": \"é\" } }"),
                StandardCharsets.UTF_8))
        .isEqualTo("{\"a\":{\"c\":\"é\",\"d\":[true,null]},\"b\":1}");
  }

  @Test
  void an_attribute_unknown_to_this_version_is_kept_and_still_hashed() {
    CloudEvent first = Golden.invoiceStream().get(0);
    ObjectNode json = first.toJson();
    json.put("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
    CloudEvent newer = HashChain.seal(CloudEvent.parse(json.toString()));

    CloudEvent reread = CloudEvent.parse(newer.toJsonString());

    assertThat(reread.extensions().get("traceparent").asText()).startsWith("00-0af7");
    assertThat(HashChain.hashOf(reread)).isEqualTo(newer.hash()).isNotEqualTo(first.hash());
  }

  @Test
  void a_changed_amount_is_reported_at_its_own_link() {
    List<CloudEvent> stream = new ArrayList<>(Golden.invoiceStream());
    CloudEvent paid = stream.get(2);
    ObjectNode data = paid.data().deepCopy();
    data.set("amount", TextNode.valueOf("12.00"));
    stream.set(2, paid.withData(data));

    ChainVerification verdict = HashChain.verify(stream);

    assertThat(verdict.verified()).isFalse();
    assertThat(verdict.brokenSequence()).isEqualTo("3");
    assertThat(verdict.brokenEventId()).isEqualTo(paid.id());
    assertThat(verdict.reason()).startsWith("hash does not match");
  }

  @Test
  void a_removed_event_breaks_the_chain_at_the_next_one() {
    List<CloudEvent> stream = new ArrayList<>(Golden.invoiceStream());
    stream.remove(1);

    ChainVerification verdict = HashChain.verify(stream);

    assertThat(verdict.verified()).isFalse();
    assertThat(verdict.brokenSequence()).isEqualTo("3");
    assertThat(verdict.reason()).contains("expected sequence 2");
  }

  @Test
  void a_resealed_forgery_is_caught_by_the_next_link() {
    List<CloudEvent> stream = new ArrayList<>(Golden.invoiceStream());
    CloudEvent passed = stream.get(1);
    ObjectNode data = passed.data().deepCopy();
    data.set("dueDate", TextNode.valueOf("2026-03-01"));
    stream.set(1, HashChain.seal(passed.withData(data)));

    ChainVerification verdict = HashChain.verify(stream);

    assertThat(verdict.verified()).isFalse();
    assertThat(verdict.brokenSequence()).isEqualTo("3");
    assertThat(verdict.reason()).contains("prevhash");
  }
}
