package io.postback.memory;

import io.postback.testing.contract.AbstractLeadStoreContractTest;
import io.postback.testing.contract.StoreUnderTest;

/** The in-memory store keeps the store contract. */
class InMemoryLeadStoreContractTest extends AbstractLeadStoreContractTest {

    @Override
    protected StoreUnderTest emptyStore() {
        return StoreUnderTest.of(new InMemoryLeadStore());
    }
}
