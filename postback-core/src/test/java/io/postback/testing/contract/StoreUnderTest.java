package io.postback.testing.contract;

import io.postback.spi.DeliveryQueue;
import io.postback.spi.EventOutbox;
import io.postback.spi.LeadHistory;
import io.postback.spi.LeadStore;
import io.postback.spi.SeenSignatures;

/** A store as the contract suite sees it: the five SPIs a full store implements, usually one object. */
public record StoreUnderTest(LeadStore store, LeadHistory history, EventOutbox outbox, SeenSignatures signatures,
                             DeliveryQueue deliveries) {

    public static <S extends LeadStore & LeadHistory & EventOutbox & SeenSignatures & DeliveryQueue> StoreUnderTest of(S store) {
        return new StoreUnderTest(store, store, store, store, store);
    }
}
