package io.postback.examples.docs;

import io.postback.outbound.Dispatcher;
import io.postback.outbound.RetryPolicy;
import io.postback.spi.DeliveryQueue;
import io.postback.spi.OfferCatalog;
import io.postback.spi.QueuedDelivery;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;

/** The fragments of docs/outbound.md, "Running the dispatcher" and "Dead letters"; OutboundSnippetsTest runs them. */
final class OutboundSnippets {

    private OutboundSnippets() {
    }

    /** @param store the lead store, which is a DeliveryQueue (JdbcLeadStore, InMemoryLeadStore) */
    static Dispatcher startDispatcher(DeliveryQueue store, OfferCatalog catalog) {
        // tag::dispatcher[]
        Dispatcher dispatcher = Dispatcher.builder(store, catalog) // the lead store is the queue
                .node("node-a")                   // unique per running dispatcher (default: random)
                .timeout(Duration.ofSeconds(5))   // per request, connecting included
                .threads(8)                       // requests in flight in all
                .perHost(4)                       // ... and to one destination host
                .retries(RetryPolicy.DEFAULT)     // 8 attempts over about a day, then a dead letter
                .build();
        dispatcher.start();                       // looks for due deliveries every second
        // ... and on shutdown, before the store's DataSource closes:
        // dispatcher.close();
        // end::dispatcher[]
        return dispatcher;
    }

    static int resendDeadLetters(DeliveryQueue store, Clock clock, PrintStream out) {
        int resent = 0;
        // tag::dead-letters[]
        for (QueuedDelivery dead : store.deadLetters(100)) {          // newest first
            out.println(dead.delivery().id() + " lead " + dead.delivery().leadId() + ": " + dead.lastError().orElse(""));
            if (store.resend(dead.delivery().id(), clock.instant())) { // pending again, due now, same event id
                resent++;
            }
        }
        // end::dead-letters[]
        return resent;
    }
}
