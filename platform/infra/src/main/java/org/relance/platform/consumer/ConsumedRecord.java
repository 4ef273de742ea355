package org.relance.platform.consumer;

import org.relance.platform.relay.Watermark;

/**
 * Where a consumed event came from, the watermark it carried if it is a clock tick, and the record
 * value exactly as published (the evidence ledger keeps it byte for byte).
 */
public record ConsumedRecord(
    String topic, int partition, long offset, Watermark watermark, String value) {}
