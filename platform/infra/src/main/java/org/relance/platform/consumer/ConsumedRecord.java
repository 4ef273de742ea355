package org.relance.platform.consumer;

import org.relance.platform.relay.Watermark;

/** Where a consumed event came from, and the watermark it carried if it is a clock tick. */
public record ConsumedRecord(String topic, int partition, long offset, Watermark watermark) {}
