package io.postback.examples.bench;

import com.sun.net.httpserver.HttpServer;
import io.postback.PostbackProcessor;
import io.postback.PostbackRequest;
import io.postback.PostbackResult;
import io.postback.memory.InMemoryLeadStore;
import io.postback.memory.InMemoryOfferCatalog;
import io.postback.model.Action;
import io.postback.model.Outcome;
import io.postback.outbound.Dispatcher;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A load driver for the dispatcher of outbound postbacks (docs/outbound.md): N deliveries enqueued
 * in the in-memory store by creates through the processor, then sent by one {@link Dispatcher} to
 * a receiver on loopback (the JDK's HTTP server) that answers 200 at once. It measures the
 * dispatcher and the HTTP round trip on one machine, receiver included, not a webmaster's network.
 * Prints {@code BENCH outbound deliveries_per_s=...}.
 */
final class OutboundFigures {

    static final int THREADS = 8;
    static final int PER_HOST = 8;
    static final int BATCH = 256;

    private OutboundFigures() {
    }

    static void run(boolean quick) throws IOException {
        int deliveries = quick ? 5_000 : 20_000;
        // Else the JDK's server writes an answer's headers and body as two small packets, and Nagle's
        // algorithm with the client's delayed ACK holds the second for 40 ms: a figure of the receiver.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        AtomicInteger received = new AtomicInteger();
        ExecutorService receiverThreads = Executors.newFixedThreadPool(4);
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        receiver.createContext("/", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                body.readAllBytes();
            }
            received.incrementAndGet();
            byte[] ok = "ok".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, ok.length);
            exchange.getResponseBody().write(ok);
            exchange.close();
        });
        receiver.setExecutor(receiverThreads);
        receiver.start();
        try {
            String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/pb?cid={click}&s={status}&p={commission}&e={event}";
            InMemoryOfferCatalog catalog = BenchCatalog.withOutboundPostback(url);
            send(catalog, quick ? 1_000 : 5_000, "warm-"); // the JIT, the client's connections
            received.set(0);
            Round round = send(catalog, deliveries, "run-");
            System.out.println(String.format(Locale.ROOT,
                    "BENCH outbound deliveries=%d seconds=%.2f deliveries_per_s=%.0f received=%d dead=%d threads=%d per_host=%d batch=%d",
                    deliveries, round.seconds(), deliveries / round.seconds(), received.get(), round.dead(), THREADS, PER_HOST,
                    BATCH));
        } finally {
            receiver.stop(0);
            receiverThreads.shutdownNow();
        }
    }

    record Round(double seconds, int dead) {
    }

    /** Enqueues {@code n} deliveries (one per created lead), then times one dispatcher sending them all. */
    private static Round send(InMemoryOfferCatalog catalog, int n, String clickPrefix) {
        InMemoryLeadStore store = new InMemoryLeadStore(n);
        PostbackProcessor processor = PostbackProcessor.builder(store, catalog).build();
        for (int i = 0; i < n; i++) {
            PostbackResult result = processor.handle(PostbackRequest.fromQuery(Action.CREATE,
                    "token=" + BenchCatalog.TOKEN + "&click=" + clickPrefix + i));
            if (result.outcome() != Outcome.CREATED) {
                throw new IllegalStateException("the bench create " + i + " was not created: " + result);
            }
        }
        try (Dispatcher dispatcher = Dispatcher.builder(store, catalog).allowPrivateDestinations(true).threads(THREADS)
                .perHost(PER_HOST).batch(BATCH).build()) {
            long started = System.nanoTime();
            int claimed;
            int sent = 0;
            while ((claimed = dispatcher.runOnce()) > 0) {
                sent += claimed;
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            if (sent != n) {
                throw new IllegalStateException("the dispatcher claimed " + sent + " deliveries, not " + n);
            }
            return new Round(seconds, store.deadLetters(n).size());
        }
    }
}
