package io.postback.outbound;

import io.postback.model.OutboundPostback;
import io.postback.model.UrlTemplate;
import io.postback.spi.Delivery;
import io.postback.spi.DeliveryAttempt;
import io.postback.spi.DeliveryQueue;
import io.postback.spi.OfferCatalog;
import io.postback.spi.QueuedDelivery;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the outbound postbacks the lead store enqueued (rules §15), at least once: it claims due
 * deliveries with a lease (no other node sends them meanwhile), sends each with the JDK's HTTP
 * client, records the attempt, and retries network errors, timeouts, 429 and 5xx with backoff
 * ({@link RetryPolicy}) until the last attempt makes a dead letter; any other answer but 2xx is a
 * dead letter at once. Redirects are not followed, at most 64 KiB of an answer is read, private
 * destinations are refused unless allowed, and each destination host has a bounded number of
 * requests in flight. The host starts it ({@link #start}) and closes it; {@link #runOnce} sends
 * one batch, for commands and tests.
 */
public final class Dispatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    /** The most of an answer that is read; the rest is discarded with the connection. */
    static final int MAX_RESPONSE_BYTES = 64 * 1024;

    private final DeliveryQueue queue;
    private final OfferCatalog catalog;
    private final Clock clock;
    private final String node;
    private final Duration timeout;
    private final Duration lease;
    private final int batch;
    private final Duration pollEvery;
    private final RetryPolicy retries;
    private final int perHost;
    private final DestinationGuard guard;
    private final HttpClient http;
    private final ExecutorService senders;
    private final Map<String, Semaphore> hosts = new ConcurrentHashMap<>();
    private ScheduledExecutorService poller;
    private volatile boolean closed;

    private Dispatcher(Builder b) {
        this.queue = b.queue;
        this.catalog = b.catalog;
        this.clock = b.clock;
        this.node = b.node;
        this.timeout = b.timeout;
        this.lease = b.lease;
        this.batch = b.batch;
        this.pollEvery = b.pollEvery;
        this.retries = b.retries;
        this.perHost = b.perHost;
        this.guard = new DestinationGuard(b.allowPrivate, b.resolver);
        AtomicInteger threads = new AtomicInteger();
        this.senders = Executors.newFixedThreadPool(b.threads, task -> {
            Thread thread = new Thread(task, "postback-dispatcher-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        // The client keeps its own executor: sharing the senders' would leave it no thread while they all wait on it.
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(timeout).build();
    }

    public static Builder builder(DeliveryQueue queue, OfferCatalog catalog) {
        return new Builder(queue, catalog);
    }

    /** The name this dispatcher claims deliveries under. */
    public String node() {
        return node;
    }

    /** Polls for due deliveries every {@code pollEvery} until {@link #close}. */
    public synchronized void start() {
        if (poller != null) {
            return;
        }
        poller = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "postback-dispatcher-poll");
            thread.setDaemon(true);
            return thread;
        });
        poller.scheduleWithFixedDelay(this::pollQuietly, 0, pollEvery.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void pollQuietly() {
        try {
            while (runOnce() == batch) {
                // a full batch: more may be due
            }
        } catch (RuntimeException e) {
            LOG.warn("sending outbound postbacks failed, trying again in {} ms: {}", pollEvery.toMillis(), e.toString());
        }
    }

    /** Claims one batch of due deliveries, sends them and records the attempts; how many it claimed. */
    public int runOnce() {
        if (closed) {
            return 0;
        }
        List<QueuedDelivery> claimed = queue.claim(node, clock.instant(), lease, batch);
        List<Future<?>> sent = new ArrayList<>(claimed.size());
        for (QueuedDelivery delivery : claimed) {
            sent.add(senders.submit(() -> deliver(delivery)));
        }
        for (Future<?> f : sent) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (ExecutionException e) {
                LOG.warn("an outbound postback could not be sent: {}", e.getCause().toString());
            }
        }
        return claimed.size();
    }

    private void deliver(QueuedDelivery queued) {
        Delivery d = queued.delivery();
        Instant at = clock.instant();
        long started = System.nanoTime();
        Outcome outcome = send(d);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        DeliveryAttempt attempt = outcome.status().isPresent() ? DeliveryAttempt.answered(at, outcome.status().get(), took)
                : DeliveryAttempt.failed(at, outcome.error(), took);
        int attempts = queued.attempts() + 1;
        DeliveryQueue.Next next;
        if (outcome.delivered()) {
            next = new DeliveryQueue.Next.Delivered();
        } else if (outcome.retriable() && retries.retries(attempts)) {
            next = new DeliveryQueue.Next.RetryAt(clock.instant().plus(retries.delayAfter(attempts)));
        } else {
            next = new DeliveryQueue.Next.Dead();
            LOG.warn("outbound postback {} of lead {} (event {}) is a dead letter after {} attempt(s): {}", d.postbackId(),
                    d.leadId(), d.eventId(), attempts, outcome.describe());
        }
        if (!queue.record(d.id(), node, attempt, next)) {
            LOG.warn("delivery {} was taken over by another node before its attempt was recorded (its lease of {} passed)",
                    d.id(), lease);
        }
    }

    /** What an attempt came to. */
    private record Outcome(Optional<Integer> status, String error, boolean retriable) {
        static Outcome answered(int status) {
            return new Outcome(Optional.of(status), null, status == 429 || status >= 500);
        }

        static Outcome failed(String error, boolean retriable) {
            return new Outcome(Optional.empty(), error, retriable);
        }

        boolean delivered() {
            return status.isPresent() && status.get() >= 200 && status.get() < 300;
        }

        String describe() {
            return status.map(s -> "HTTP " + s).orElse(error);
        }
    }

    private Outcome send(Delivery d) {
        String url = render(d);
        if (url.length() > UrlTemplate.MAX_LENGTH) {
            return Outcome.failed("the url is " + url.length() + " characters long after its macros, over the limit of "
                    + UrlTemplate.MAX_LENGTH, false);
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (java.net.URISyntaxException e) {
            return Outcome.failed("the url is not a URL after its macros: " + e.getReason(), false);
        }
        Optional<String> refusal = guard.refusal(uri);
        if (refusal.isPresent()) {
            return Outcome.failed(refusal.get(), false);
        }
        HttpRequest request = request(d, uri);
        Semaphore slots = hosts.computeIfAbsent(uri.getHost(), h -> new Semaphore(perHost));
        try {
            if (!slots.tryAcquire(lease.toMillis() / 2, TimeUnit.MILLISECONDS)) {
                return Outcome.failed("the destination host had " + perHost + " requests in flight too long", true);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.failed("interrupted", true);
        }
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                body.readNBytes(MAX_RESPONSE_BYTES);
            }
            return Outcome.answered(response.statusCode());
        } catch (HttpTimeoutException e) {
            return Outcome.failed("timeout after " + timeout.toMillis() + " ms", true);
        } catch (IOException e) {
            return Outcome.failed("network error: " + e.getClass().getSimpleName(), true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.failed("interrupted", true);
        } finally {
            slots.release();
        }
    }

    /** The request: a GET of the URL, or a POST of its query as a form to the URL without it; signed when the postback has a secret. */
    private HttpRequest request(Delivery d, URI uri) {
        HttpRequest.Builder b = HttpRequest.newBuilder().timeout(timeout).header("User-Agent", "postback-dispatcher");
        String payload;
        if (d.method() == OutboundPostback.Method.POST) {
            payload = uri.getRawQuery() == null ? "" : uri.getRawQuery();
            String target = uri.getScheme() + "://" + uri.getRawAuthority() + (uri.getRawPath() == null ? "" : uri.getRawPath());
            b.uri(URI.create(target)).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(payload));
        } else {
            payload = uri.getRawQuery() == null ? "" : uri.getRawQuery();
            b.uri(uri).GET();
        }
        Optional<String> secret = catalog.outboundPostback(d.postbackId()).flatMap(OutboundPostback::signingSecret);
        secret.ifPresent(s -> b.header(DeliverySignature.HEADER, DeliverySignature.header(s, clock.instant().getEpochSecond(),
                payload)));
        return b.build();
    }

    /** The delivery's URL: its template with its values, the lead's id and the event id, each percent-encoded. */
    static String render(Delivery d) {
        Map<String, String> values = new HashMap<>(d.values());
        values.put("lead", Long.toString(d.leadId()));
        values.put("event", d.eventId());
        return UrlTemplate.ofStored(d.urlTemplate()).render(values);
    }

    /**
     * Stops polling, lets the sends under way finish and record their attempts (each within its
     * timeout), and cuts off what is left after that; a delivery cut off is sent again after its lease.
     */
    @Override
    public synchronized void close() {
        closed = true;
        if (poller != null) {
            poller.shutdownNow();
        }
        senders.shutdown();
        try {
            // Cutting a sender off mid-write could interrupt its store's I/O (an H2 file closes on it).
            if (!senders.awaitTermination(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS)) {
                senders.shutdownNow();
            }
        } catch (InterruptedException e) {
            senders.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** Wiring of a dispatcher; every setting has a default. */
    public static final class Builder {
        private final DeliveryQueue queue;
        private final OfferCatalog catalog;
        private Clock clock = Clock.systemUTC();
        private String node = "node-" + UUID.randomUUID().toString().substring(0, 8);
        private Duration timeout = Duration.ofSeconds(5);
        private Duration lease = Duration.ofMinutes(1);
        private int batch = 32;
        private int threads = 8;
        private int perHost = 4;
        private Duration pollEvery = Duration.ofSeconds(1);
        private RetryPolicy retries = RetryPolicy.DEFAULT;
        private boolean allowPrivate;
        private DestinationGuard.Resolver resolver = InetAddress::getAllByName;

        private Builder(DeliveryQueue queue, OfferCatalog catalog) {
            this.queue = Objects.requireNonNull(queue, "queue");
            this.catalog = Objects.requireNonNull(catalog, "catalog");
        }

        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** The name deliveries are claimed under; unique per running dispatcher (default: random). */
        public Builder node(String value) {
            this.node = Objects.requireNonNull(value, "node");
            return this;
        }

        /** The timeout of one request, connecting included (default 5 s). */
        public Builder timeout(Duration value) {
            this.timeout = positive(value, "timeout");
            return this;
        }

        /** How long a claimed delivery is this node's; another node takes it after (default 1 minute, above the timeout). */
        public Builder lease(Duration value) {
            this.lease = positive(value, "lease");
            return this;
        }

        public Builder batch(int value) {
            this.batch = atLeastOne(value, "batch");
            return this;
        }

        /** Requests in flight at once in all (default 8). */
        public Builder threads(int value) {
            this.threads = atLeastOne(value, "threads");
            return this;
        }

        /** Requests in flight at once to one destination host (default 4). */
        public Builder perHost(int value) {
            this.perHost = atLeastOne(value, "perHost");
            return this;
        }

        public Builder pollEvery(Duration value) {
            this.pollEvery = positive(value, "pollEvery");
            return this;
        }

        public Builder retries(RetryPolicy value) {
            this.retries = Objects.requireNonNull(value, "retries");
            return this;
        }

        /** Sends to loopback, link-local and private destinations too (default: refused; rules §15). */
        public Builder allowPrivateDestinations(boolean value) {
            this.allowPrivate = value;
            return this;
        }

        /** Resolves destination names for the guard; for tests. */
        Builder resolver(DestinationGuard.Resolver value) {
            this.resolver = Objects.requireNonNull(value, "resolver");
            return this;
        }

        public Dispatcher build() {
            if (lease.compareTo(timeout.multipliedBy(2)) < 0) {
                throw new IllegalArgumentException("the lease (" + lease + ") must be at least twice the timeout (" + timeout + ")");
            }
            return new Dispatcher(this);
        }

        private static Duration positive(Duration value, String what) {
            Objects.requireNonNull(value, what);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(what + " must be positive: " + value);
            }
            return value;
        }

        private static int atLeastOne(int value, String what) {
            if (value < 1) {
                throw new IllegalArgumentException(what + " must be at least 1: " + value);
            }
            return value;
        }
    }
}
