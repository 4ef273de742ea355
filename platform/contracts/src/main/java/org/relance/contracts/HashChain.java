package org.relance.contracts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The tamper-evidence chain of a stream (source, subject): {@code hash = hex(SHA-256(prevhash ‖
 * JCS(event without hash)))}, where {@code prevhash} is the 64 lowercase hex characters of the
 * previous event's hash (64 zeros for the first event) taken as ASCII bytes, {@code ‖} is byte
 * concatenation and JCS is RFC 8785. The golden files under src/test/resources/golden pin the
 * construction.
 */
public final class HashChain {

  public static final String GENESIS = "0".repeat(64);

  private HashChain() {}

  /** Seals an event whose {@code prevhash} is already set: returns it with its {@code hash}. */
  public static CloudEvent seal(CloudEvent event) {
    return event.withHash(hashOf(event));
  }

  public static String hashOf(CloudEvent event) {
    if (event.prevhash() == null || !event.prevhash().matches("[0-9a-f]{64}")) {
      throw new InvalidEventException("prevhash: must be 64 lowercase hex characters");
    }
    MessageDigest sha256 = sha256();
    sha256.update(event.prevhash().getBytes(StandardCharsets.US_ASCII));
    sha256.update(CanonicalJson.canonicalize(event.withoutHash()));
    return HexFormat.of().formatHex(sha256.digest());
  }

  /**
   * Verifies one stream, given in sequence order.
   *
   * @return the verdict, naming the first broken link if there is one
   */
  public static ChainVerification verify(List<CloudEvent> stream) {
    String expectedPrev = GENESIS;
    long expectedSequence = 1;
    for (CloudEvent event : stream) {
      long sequence;
      try {
        sequence = event.sequenceNumber();
      } catch (NumberFormatException e) {
        return ChainVerification.broken(stream.size(), event, "sequence is not a number");
      }
      if (sequence != expectedSequence) {
        return ChainVerification.broken(
            stream.size(),
            event,
            "expected sequence " + expectedSequence + " but found " + sequence);
      }
      if (!expectedPrev.equals(event.prevhash())) {
        return ChainVerification.broken(
            stream.size(), event, "prevhash does not match the hash of the previous event");
      }
      String recomputed;
      try {
        recomputed = hashOf(event);
      } catch (InvalidEventException e) {
        return ChainVerification.broken(stream.size(), event, e.getMessage());
      }
      if (!recomputed.equals(event.hash())) {
        return ChainVerification.broken(
            stream.size(),
            event,
            "hash does not match the event's content (recomputed " + recomputed + ")");
      }
      expectedPrev = event.hash();
      expectedSequence++;
    }
    return ChainVerification.verified(stream.size(), expectedPrev);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }

  public static String sha256Hex(String content) {
    return HexFormat.of().formatHex(sha256().digest(content.getBytes(StandardCharsets.UTF_8)));
  }
}
