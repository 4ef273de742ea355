package org.relance.contracts;

/**
 * The verdict on one hash chain.
 *
 * @param verified true when every link holds
 * @param length the number of events checked
 * @param head hash of the last event when verified
 * @param brokenSequence sequence of the first broken link, or null
 * @param brokenEventId id of the first broken event, or null
 * @param reason why that link is broken, or null
 */
public record ChainVerification(
    boolean verified,
    int length,
    String head,
    String brokenSequence,
    String brokenEventId,
    String reason) {

  static ChainVerification verified(int length, String head) {
    return new ChainVerification(true, length, head, null, null, null);
  }

  static ChainVerification broken(int length, CloudEvent at, String reason) {
    return new ChainVerification(false, length, null, at.sequence(), at.id(), reason);
  }
}
