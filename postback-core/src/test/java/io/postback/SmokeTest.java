package io.postback;

import static org.assertj.core.api.Assertions.assertThat;

import io.postback.memory.InMemoryLeadStore;
import io.postback.model.Action;
import io.postback.testing.TestCatalog;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void flow() {
        InMemoryLeadStore store = new InMemoryLeadStore();
        PostbackProcessor p = PostbackProcessor.builder(store, TestCatalog.create()).build();
        for (String q : new String[] {
                "token=12-abc&click=c1&exto=o1",
                "token=12-abc&click=c1&exto=o1",
                "token=12-abc&click=c1&exto=o1&goal=deposit",
                "token=12-abc&click={click}",
                "token=12-abc&click=c2&pay=12,5&cc=eur&goal=rs",
        }) {
            System.out.println(q + " -> " + p.handle(PostbackRequest.fromQuery(Action.CREATE, q)).toJson());
        }
        for (String q : new String[] {
                "token=12-abc&click=c1&exto=o1&status=Lead_OK",
                "token=12-abc&click=c1&exto=o1&status=pending",
                "token=12-abc&click=c1&exto=o1&goal=dep",
                "token=12-abc&click=c1&exto=o1&status=cancelled",
                "token=13-xyz&click=c1&exto=o1&status=approved",
                "token=12-abc&click=c9&status=approved&auto=1",
        }) {
            System.out.println(q + " -> " + p.handle(PostbackRequest.fromQuery(Action.STATUS, q)).toJson());
        }
        System.out.println(p.explain(PostbackRequest.fromQuery(Action.STATUS, "token=12-abc&click=c1&exto=o1&status=ok&sta=lead_ok&goal=ftd")).toJson());
        System.out.println(store.ledger(1));
        assertThat(store.leadCount()).isEqualTo(3);
    }
}
