package org.relance.litigation.evidence.application;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.relance.contracts.ChainVerification;
import org.relance.contracts.CloudEvent;
import org.relance.contracts.HashChain;
import org.relance.litigation.evidence.domain.HistoryOrder;

/**
 * An invoice's collection history as a court would read it: every event in the {@link
 * HistoryOrder#HISTORY history order}, which does not depend on when or in which order the events
 * reached this service, and, for each producing service's chain, whether it verifies or where it
 * first breaks.
 */
public record EvidenceFile(
    String invoiceId, List<CloudEvent> events, Map<String, ChainVerification> chains) {

  public static final Comparator<CloudEvent> HISTORY_ORDER =
      Comparator.comparing(EvidenceFile::position, HistoryOrder.HISTORY);

  private static final Comparator<CloudEvent> CHAIN_ORDER =
      Comparator.comparing(EvidenceFile::position, HistoryOrder.CHAIN);

  public static EvidenceFile of(String invoiceId, List<CloudEvent> recorded) {
    List<CloudEvent> events = new ArrayList<>(recorded);
    events.sort(HISTORY_ORDER);
    Map<String, List<CloudEvent>> streams = new LinkedHashMap<>();
    events.stream()
        .sorted(CHAIN_ORDER)
        .forEach(e -> streams.computeIfAbsent(e.source(), s -> new ArrayList<>()).add(e));
    Map<String, ChainVerification> chains = new LinkedHashMap<>();
    streams.forEach((source, stream) -> chains.put(source, HashChain.verify(stream)));
    return new EvidenceFile(invoiceId, List.copyOf(events), chains);
  }

  public boolean verified() {
    return chains.values().stream().allMatch(ChainVerification::verified);
  }

  private static HistoryOrder.Position position(CloudEvent e) {
    return new HistoryOrder.Position(
        e.businessdate(), e.instant(), e.source(), e.sequenceNumber(), e.id());
  }
}
