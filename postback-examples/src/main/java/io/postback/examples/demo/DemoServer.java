package io.postback.examples.demo;

import io.micrometer.core.instrument.MeterRegistry;
import io.postback.PostbackProcessor;
import io.postback.examples.metrics.PostbackMetrics;
import io.postback.examples.servlet.ExplainServlet;
import io.postback.examples.servlet.PostbackServlet;
import io.postback.memory.InMemoryOfferCatalog;
import io.postback.model.Action;
import io.postback.spi.CurrencyConverter;
import io.postback.spi.DeliveryQueue;
import io.postback.spi.EventOutbox;
import io.postback.spi.LeadHistory;
import io.postback.spi.LeadStore;
import jakarta.servlet.http.HttpServlet;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runnable demo: the two postback endpoints of the seed documentation, the dry run, the
 * operator page (docs/operator-page.md), {@code /metrics} and {@code /health} (docs/observability.md), on
 * embedded Jetty. It sends the catalog's outbound postbacks, and is a webmaster's tracker itself at
 * {@code /webmaster/postback} (docs/outbound.md). {@code java -jar postback-demo.jar --help}.
 */
public final class DemoServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("demo");
    private static final String SAMPLE_CATALOG = "sample-catalog.json";
    /** Above the processor's 8 KiB limit, so that the processor, not Jetty, answers an oversized query. */
    private static final int REQUEST_HEADER_BYTES = 64 * 1024;
    /**
     * Connections the kernel queues before they are accepted. The JDK's default of 50 overflows under
     * a burst of connects (a client reconnecting as fast as it is cut), and each connect dropped then
     * waits a second for its retry: everyone else's too.
     */
    private static final int ACCEPT_QUEUE = 1024;

    private final Server jetty;
    private final DemoStorage storage;
    private final DemoMetrics metrics;
    private final HoldReleaser releaser;
    private final OutboundSending outbound;
    private final WebmasterTracker tracker;
    private final AtomicBoolean closed = new AtomicBoolean();

    private DemoServer(Server jetty, DemoStorage storage, DemoMetrics metrics, HoldReleaser releaser, OutboundSending outbound,
                       WebmasterTracker tracker) {
        this.jetty = jetty;
        this.storage = storage;
        this.metrics = metrics;
        this.releaser = releaser;
        this.outbound = outbound;
        this.tracker = tracker;
    }

    public static void main(String[] args) {
        int exit = serve(args, System.out, System.err);
        if (exit != 0) {
            System.exit(exit);
        }
    }

    /**
     * The {@code serve} command: starts the demo and returns when it has stopped (on a signal, through
     * the shutdown hook); the exit code: 0, 1 when it could not start, 2 for bad options.
     */
    public static int serve(String[] args, java.io.PrintStream out, java.io.PrintStream err) {
        DemoOptions options;
        try {
            options = DemoOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage() + "\n\n" + DemoOptions.USAGE);
            return 2;
        }
        if (options.help()) {
            out.print(DemoOptions.USAGE);
            return 0;
        }
        DemoServer server;
        try {
            server = start(options);
        } catch (Exception e) {
            // A missing or malformed catalog, a database that cannot be reached, a port in use.
            err.println("error: could not start the demo: " + e.getMessage());
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "demo-shutdown"));
        try {
            server.jetty.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.close();
        }
        return 0;
    }

    /** Opens the store, loads the catalog and starts listening; {@link #close()} undoes it all. */
    public static DemoServer start(DemoOptions options) throws Exception {
        // Before anything opens: beyond loopback without a password the demo does not start (docs/operator-page.md).
        OperatorAccess access = OperatorAccess.forServer(options.host(), options.operatorPasswordFile(), System.getenv(),
                Clock.systemUTC());
        InMemoryOfferCatalog catalog = loadCatalog(options);
        DemoMetrics metrics = new DemoMetrics();
        DemoStorage storage;
        try {
            storage = DemoStorage.open(options, metrics.registry());
        } catch (RuntimeException e) {
            metrics.close();
            throw e;
        }
        try {
            PostbackProcessor processor = processor(options, storage.store(), DemoRates.open(storage.database()), catalog,
                    metrics.registry());
            DemoHealth health = new DemoHealth(storage.database(), catalog, outbox(storage.store()));
            OutboundSending outbound = OutboundSending.over(storage.store(), catalog, options.outboundAllowPrivate());
            WebmasterTracker tracker = new WebmasterTracker(signingSecrets(catalog), Clock.systemUTC());
            OperatorReads reads = new OperatorReads(storage.history(), storage.store(), outbound.queue(), catalog, Clock.systemUTC());
            Server jetty = jetty(options, context(processor, options.limits(), metrics, health,
                    new OperatorServlet(reads, access, tracker, outbound.note()), new LoginServlet(access), tracker));
            try {
                jetty.start();
            } catch (Exception | Error e) {
                outbound.close();
                throw e;
            }
            DemoServer server = new DemoServer(jetty, storage, metrics, HoldReleaser.start(processor), outbound, tracker);
            outbound.start();
            LOG.info("postback demo on http://{}:{}/ (leads {}; catalog {})", options.host(), server.port(),
                    storage.description(), options.catalog().map(Object::toString).orElse("bundled sample"));
            if (access.loginRequired()) {
                LOG.info("the operator page at / asks for the operator password (docs/operator-page.md)");
            }
            return server;
        } catch (Exception | Error e) {
            storage.close();
            metrics.close();
            throw e;
        }
    }

    /** The processor, its meters on {@code registry} (docs/observability.md), converting with {@code rates} (docs/rates.md). */
    private static PostbackProcessor processor(DemoOptions options, LeadStore store, CurrencyConverter rates,
                                               InMemoryOfferCatalog catalog, MeterRegistry registry) {
        PostbackMetrics metrics = PostbackMetrics.on(registry);
        PostbackProcessor processor = PostbackProcessor.builder(store, catalog)
                .currencyConverter(rates)
                .deadline(options.postbacks().deadline())
                .unauthenticatedJournaledPerMinute(options.postbacks().unauthenticatedPerMinute())
                .observer(metrics)
                .build();
        metrics.bind(processor, store);
        return processor;
    }

    /** The secrets the demo's tracker checks signatures with; never shown. */
    private static List<String> signingSecrets(InMemoryOfferCatalog catalog) {
        return catalog.outboundPostbacks().stream().flatMap(p -> p.signingSecret().stream()).distinct().toList();
    }

    private static Optional<EventOutbox> outbox(LeadStore store) {
        return store instanceof EventOutbox outbox ? Optional.of(outbox) : Optional.empty();
    }

    /**
     * The catalog of {@code --catalog}, or the bundled sample.
     *
     * @throws IOException              when the file is missing or not JSON, naming the file
     * @throws IllegalArgumentException when the JSON is not a valid catalog, naming the file and the field
     */
    public static InMemoryOfferCatalog loadCatalog(DemoOptions options) throws IOException {
        if (options.catalog().isEmpty()) {
            try (InputStream in = Objects.requireNonNull(DemoServer.class.getResourceAsStream(SAMPLE_CATALOG), SAMPLE_CATALOG)) {
                return InMemoryOfferCatalog.fromJson(in);
            }
        }
        Path file = options.catalog().get();
        try (InputStream in = Files.newInputStream(file)) {
            return InMemoryOfferCatalog.fromJson(in);
        } catch (NoSuchFileException e) {
            throw new IOException("catalog file not found: " + file, e);
        } catch (IOException e) {
            throw new IOException("catalog " + file + " is not valid JSON: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("catalog " + file + ": " + e.getMessage(), e);
        }
    }

    /** A name is resolved as Jetty will to bind it; one that does not resolve fails the start anyway. */
    static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static ServletContextHandler context(PostbackProcessor processor, ClientLimits limits,
                                                 DemoMetrics metrics, DemoHealth health, OperatorServlet operator,
                                                 LoginServlet login, WebmasterTracker tracker) {
        PostbackServlet.Options options = PostbackServlet.Options.defaults().withListener(new PostbackLog())
                .withBodyDeadline(limits.bodyDeadline());
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        // Async support lets the servlets read a body as it arrives instead of holding a thread while it trickles in.
        context.addServlet(asyncHolder(new PostbackServlet(processor, Action.CREATE, options)), "/api/site/click.json");
        context.addServlet(asyncHolder(new PostbackServlet(processor, Action.STATUS, options)), "/api/site/status.json");
        context.addServlet(asyncHolder(new ExplainServlet(processor, options)), "/api/site/explain.json");
        // "" is the servlet mapping of the context root alone; "/" takes every other path.
        ServletHolder operatorPages = new ServletHolder(operator);
        context.addServlet(operatorPages, "");
        context.addServlet(operatorPages, "/search");
        context.addServlet(operatorPages, "/lead");
        ServletHolder logins = new ServletHolder(login);
        context.addServlet(logins, "/login");
        context.addServlet(logins, "/logout");
        context.addServlet(new ServletHolder(new WebmasterTrackerServlet(tracker)), "/webmaster/postback");
        context.addServlet(new ServletHolder(new MetricsServlet(metrics.registry())), "/metrics");
        context.addServlet(new ServletHolder(new HealthServlet(health)), "/health");
        context.addServlet(new ServletHolder(new NotFoundServlet()), "/");
        return context;
    }

    private static ServletHolder asyncHolder(HttpServlet servlet) {
        ServletHolder holder = new ServletHolder(servlet);
        holder.setAsyncSupported(true);
        return holder;
    }

    private static Server jetty(DemoOptions options, ServletContextHandler context) {
        ClientLimits limits = options.limits();
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("demo-http");
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(REQUEST_HEADER_BYTES);
        http.setSendServerVersion(false);
        http.setMinRequestDataRate(limits.minBodyBytesPerSecond());
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(options.host());
        connector.setPort(options.port());
        connector.setAcceptQueueSize(ACCEPT_QUEUE);
        connector.setIdleTimeout(limits.idleTimeout().toMillis());
        connector.addEventListener(new ConnectionsPerAddress(limits.connectionsPerAddress()));
        connector.addBean(new HeaderDeadline(connector, limits.headerDeadline()));
        server.addConnector(connector);
        // Requests in flight complete before the store closes.
        server.setHandler(new GracefulHandler(context));
        server.setStopTimeout(5_000);
        server.setStopAtShutdown(false);
        return server;
    }

    /** The port the server listens on (the chosen one when started with port 0). */
    public int port() {
        return ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
    }

    /** The read side of the store, for tests and tools. */
    public LeadHistory history() {
        return storage.history();
    }

    /** The store's outbound deliveries, when it keeps them (docs/outbound.md); for tests and tools. */
    public Optional<DeliveryQueue> deliveries() {
        return outbound.queue();
    }

    /**
     * The outbound postbacks the demo's tracker at {@code /webmaster/postback} received, newest first:
     * each one's raw query (or form body) as sent, for tests.
     */
    public List<String> receivedByTracker() {
        return tracker.latest().stream().map(WebmasterTracker.Received::payload).toList();
    }

    /** The demo's webmaster tracker, for tests of this package. */
    WebmasterTracker tracker() {
        return tracker;
    }

    /**
     * Stops sending outbound postbacks and accepting requests, lets those in flight finish, then
     * closes the store. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        // First, so that no delivery is sent to this server while it stops; one cut off is sent after its lease.
        outbound.close();
        try {
            jetty.stop();
        } catch (Exception e) {
            LOG.warn("stopping the HTTP server failed: {}", e.toString());
        }
        releaser.close();
        try {
            storage.close();
        } catch (Exception e) {
            LOG.warn("closing the store failed: {}", e.toString());
        }
        metrics.close();
        LOG.info("postback demo stopped");
    }
}
