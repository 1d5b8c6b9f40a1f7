package io.postback.examples.demo;

import io.postback.examples.cli.CommandLine;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The demo's command line.
 *
 * @param host    the address to listen on; loopback by default, since the sample token is public
 * @param port    0 picks a free port
 * @param jdbcUrl empty: the H2 file database under {@code ./data}
 * @param catalog empty: the bundled sample catalog
 * @param limits  what one client can hold; only the connections per address are on the command line
 * @param postbacks how each postback and its journal are bounded
 * @param outboundAllowPrivate outbound postbacks may go to loopback, link-local and private addresses
 *                             (docs/outbound.md, "The destination guard"); off by default
 * @param operatorPasswordFile the operator page's password on the file's first line (docs/operator-page.md);
 *                             empty: the environment's, if any
 */
public record DemoOptions(String host, int port, Optional<String> jdbcUrl, Optional<Path> catalog, ClientLimits limits,
                          PostbackLimits postbacks, boolean outboundAllowPrivate, Optional<Path> operatorPasswordFile,
                          boolean help) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    /** Created on first start; DB_CLOSE_ON_EXIT=FALSE so H2 stays open until the server has stopped. */
    public static final String DEFAULT_JDBC_URL = "jdbc:h2:file:./data/postback;DB_CLOSE_ON_EXIT=FALSE";

    private static final Set<String> OPTIONS = Set.of("--port", "--host", "--jdbc-url", "--catalog", "--max-connections-per-ip",
            "--deadline", "--journal-unauthenticated", "--operator-password-file");
    private static final Set<String> FLAGS = Set.of("--outbound-allow-private");

    public static final String USAGE = """
            Usage: java -jar postback-demo.jar [serve] [options]

              --port N          HTTP port (default 8080; 0 picks a free one)
              --host ADDRESS    address to listen on (default 127.0.0.1; 0.0.0.0 for all)
              --jdbc-url URL    database (default: H2 file under ./data, created on first start);
                                H2, PostgreSQL and MariaDB/MySQL drivers are included, e.g.
                                jdbc:postgresql://localhost/postback?user=pb&password=...
              --catalog FILE    offers, goals, sites and flows as JSON (default: the sample catalog)
              --max-connections-per-ip N
                                open connections from one client address (default 64); a new one
                                beyond is closed at once
              --deadline SECONDS
                                how long the database may take for one postback (default 3); past
                                it, the postback is answered 'store' (the sender retries)
              --journal-unauthenticated N
                                postbacks without a valid token journaled a minute per address
                                (default 10); the others are counted, and summed up in one row
              --outbound-allow-private
                                send outbound postbacks to loopback, link-local and private
                                addresses too (default: refused, they become dead letters); the
                                sample catalog's postback goes to this demo's own tracker on
                                localhost:8080, so it needs this flag (and the default port)
              --operator-password-file FILE
                                the operator page's password, on the file's first line (or set
                                POSTBACK_OPERATOR_PASSWORD); required unless --host is loopback
              --help            this text

            Endpoints: /api/site/click.json, /api/site/status.json, /api/site/explain.json, /metrics
            (Prometheus), /health (200 or 503), /webmaster/postback (a webmaster's tracker that keeps
            the outbound postbacks it receives), / (the operator page: search, leads, rejections,
            failing deliveries, holds, caps; a login when a password is set, docs/operator-page.md)

            Slow senders hold a connection, never a worker thread, and not for long: request headers must
            arrive within 10 s of their first byte, a POST body within 10 s and at 1 KiB/s at least (else
            408), a body declared over 9 KiB is refused unread, and a connection idle for 30 s is closed.
            """;

    public DemoOptions {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(postbacks, "postbacks");
        Objects.requireNonNull(operatorPasswordFile, "operatorPasswordFile");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("--port must be within 0..65535: " + port);
        }
    }

    public static DemoOptions defaults() {
        return new DemoOptions(DEFAULT_HOST, DEFAULT_PORT, Optional.empty(), Optional.empty(), ClientLimits.defaults(),
                PostbackLimits.defaults(), false, Optional.empty(), false);
    }

    public DemoOptions withHost(String newHost) {
        return new DemoOptions(newHost, port, jdbcUrl, catalog, limits, postbacks, outboundAllowPrivate, operatorPasswordFile, help);
    }

    public DemoOptions withPort(int newPort) {
        return new DemoOptions(host, newPort, jdbcUrl, catalog, limits, postbacks, outboundAllowPrivate, operatorPasswordFile, help);
    }

    public DemoOptions withJdbcUrl(String url) {
        return new DemoOptions(host, port, Optional.of(url), catalog, limits, postbacks, outboundAllowPrivate, operatorPasswordFile, help);
    }

    public DemoOptions withCatalog(Path file) {
        return new DemoOptions(host, port, jdbcUrl, Optional.of(file), limits, postbacks, outboundAllowPrivate, operatorPasswordFile, help);
    }

    public DemoOptions withLimits(ClientLimits newLimits) {
        return new DemoOptions(host, port, jdbcUrl, catalog, newLimits, postbacks, outboundAllowPrivate, operatorPasswordFile, help);
    }

    public DemoOptions withPostbacks(PostbackLimits newPostbacks) {
        return new DemoOptions(host, port, jdbcUrl, catalog, limits, newPostbacks, outboundAllowPrivate, operatorPasswordFile, help);
    }

    public DemoOptions withOutboundAllowPrivate(boolean allow) {
        return new DemoOptions(host, port, jdbcUrl, catalog, limits, postbacks, allow, operatorPasswordFile, help);
    }

    public DemoOptions withOperatorPasswordFile(Path file) {
        return new DemoOptions(host, port, jdbcUrl, catalog, limits, postbacks, outboundAllowPrivate, Optional.of(file), help);
    }

    public String effectiveJdbcUrl() {
        return jdbcUrl.orElse(DEFAULT_JDBC_URL);
    }

    /**
     * Reads {@code --name value} and {@code --name=value} options.
     *
     * @throws IllegalArgumentException naming the offending option
     */
    public static DemoOptions parse(String... args) {
        DemoOptions options = defaults();
        for (CommandLine.Option option : CommandLine.parse(args, OPTIONS, FLAGS)) {
            options = option.isHelp()
                    ? new DemoOptions(options.host, options.port, options.jdbcUrl, options.catalog, options.limits,
                            options.postbacks, options.outboundAllowPrivate, options.operatorPasswordFile, true)
                    : options.with(option.name(), option.value());
        }
        return options;
    }

    private DemoOptions with(String name, String value) {
        return switch (name) {
            case "--port" -> withPort(port(value));
            case "--host" -> withHost(value);
            case "--jdbc-url" -> withJdbcUrl(value);
            case "--catalog" -> withCatalog(Path.of(value));
            case "--max-connections-per-ip" -> withLimits(limits.withConnectionsPerAddress(connectionsPerAddress(value)));
            case "--deadline" -> withPostbacks(postbacks.withDeadline(seconds(name, value)));
            case "--journal-unauthenticated" -> withPostbacks(postbacks.withUnauthenticatedPerMinute(wholeNumber(name, value)));
            case "--outbound-allow-private" -> withOutboundAllowPrivate(true);
            case "--operator-password-file" -> withOperatorPasswordFile(Path.of(value));
            default -> throw new IllegalArgumentException("unknown option " + name);
        };
    }

    private static int connectionsPerAddress(String value) {
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // named below
        }
        throw new IllegalArgumentException("--max-connections-per-ip must be a whole number of at least 1: " + value);
    }

    private static java.time.Duration seconds(String name, String value) {
        try {
            return java.time.Duration.ofMillis(new java.math.BigDecimal(value).movePointRight(3).longValueExact());
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number of seconds, such as 3 or 1.5: " + value);
        }
    }

    private static int wholeNumber(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number: " + value);
        }
    }

    private static int port(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port must be a number: " + value);
        }
    }
}
