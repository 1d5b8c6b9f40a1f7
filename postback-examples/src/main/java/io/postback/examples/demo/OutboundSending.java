package io.postback.examples.demo;

import io.postback.outbound.Dispatcher;
import io.postback.spi.DeliveryQueue;
import io.postback.spi.LeadStore;
import io.postback.spi.OfferCatalog;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's sending of outbound postbacks (docs/outbound.md): a {@link Dispatcher} over the store
 * when the store keeps deliveries, started once the server listens and closed before the store
 * closes. Several demo nodes on one database may all run one; a delivery is sent by one at a time.
 */
final class OutboundSending implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("demo");

    private final Optional<DeliveryQueue> queue;
    private final Optional<Dispatcher> dispatcher;
    private final boolean allowPrivate;
    private final String note;

    private OutboundSending(Optional<DeliveryQueue> queue, Optional<Dispatcher> dispatcher, boolean allowPrivate, String note) {
        this.queue = queue;
        this.dispatcher = dispatcher;
        this.allowPrivate = allowPrivate;
        this.note = note;
    }

    /** A dispatcher over {@code store} when it is a {@link DeliveryQueue}, not yet started. */
    static OutboundSending over(LeadStore store, OfferCatalog catalog, boolean allowPrivate) {
        if (!(store instanceof DeliveryQueue queue)) {
            return new OutboundSending(Optional.empty(), Optional.empty(), allowPrivate,
                    "This store keeps no outbound deliveries: none are sent.");
        }
        Dispatcher dispatcher = Dispatcher.builder(queue, catalog).allowPrivateDestinations(allowPrivate).build();
        String note = allowPrivate
                ? "Outbound postbacks are sent, to loopback and private addresses too (--outbound-allow-private)."
                : "Outbound postbacks are sent to public addresses only: those to this demo's own tracker on localhost are"
                        + " refused and become dead letters. Start the demo with --outbound-allow-private to see them arrive"
                        + " here.";
        return new OutboundSending(Optional.of(queue), Optional.of(dispatcher), allowPrivate, note);
    }

    void start() {
        dispatcher.ifPresent(d -> {
            d.start();
            LOG.info("sending outbound postbacks as {}; private destinations {}", d.node(),
                    allowPrivate ? "allowed" : "refused (--outbound-allow-private allows them)");
        });
    }

    /** The store's deliveries, when it keeps them. */
    Optional<DeliveryQueue> queue() {
        return queue;
    }

    /** One line for the page on whether and where outbound postbacks are sent. */
    String note() {
        return note;
    }

    /** Stops sending; a delivery cut off mid-request is sent again once its lease has passed. */
    @Override
    public void close() {
        dispatcher.ifPresent(Dispatcher::close);
    }
}
