package org.relance.litigation.evidence.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.relance.contracts.ChainVerification;
import org.relance.contracts.CloudEvent;
import org.relance.contracts.HashChain;

/**
 * An invoice's collection history as a court would read it: every event in a defined order that
 * does not depend on when or in which order the events reached this service — business date, then
 * the instant the producer recorded it, then source and sequence — and, for each producing
 * service's chain, whether it verifies or where it first breaks.
 */
public record EvidenceFile(
    String invoiceId, List<CloudEvent> events, Map<String, ChainVerification> chains) {

  public static final Comparator<CloudEvent> HISTORY_ORDER =
      Comparator.comparing(CloudEvent::businessdate)
          .thenComparing(CloudEvent::instant)
          .thenComparing(CloudEvent::source)
          .thenComparingLong(CloudEvent::sequenceNumber)
          .thenComparing(CloudEvent::id);

  public static EvidenceFile of(String invoiceId, List<CloudEvent> recorded) {
    List<CloudEvent> events = new ArrayList<>(recorded);
    events.sort(HISTORY_ORDER);
    Map<String, List<CloudEvent>> streams = new LinkedHashMap<>();
    events.stream()
        .sorted(
            Comparator.comparing(CloudEvent::source).thenComparingLong(CloudEvent::sequenceNumber))
        .forEach(e -> streams.computeIfAbsent(e.source(), s -> new ArrayList<>()).add(e));
    Map<String, ChainVerification> chains = new LinkedHashMap<>();
    streams.forEach((source, stream) -> chains.put(source, HashChain.verify(stream)));
    return new EvidenceFile(invoiceId, List.copyOf(events), chains);
  }

  public boolean verified() {
    return chains.values().stream().allMatch(ChainVerification::verified);
  }
}
