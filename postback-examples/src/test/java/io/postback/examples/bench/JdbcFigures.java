package io.postback.examples.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.postback.PostbackProcessor;
import io.postback.PostbackRequest;
import io.postback.PostbackResult;
import io.postback.jdbc.JdbcLeadStore;
import io.postback.jdbc.Schema;
import io.postback.jdbc.testing.EmbeddedMariaDbServer;
import io.postback.jdbc.testing.EmbeddedPostgresServer;
import io.postback.model.Action;
import io.postback.model.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The processor over {@link JdbcLeadStore} against a hand-written tracker's minimal SQL on the same
 * database and pool: one insert-if-absent per CREATE, one keyed update per STATUS, after the same
 * query-string decoding. The processor also journals every postback, books the ledger and checks
 * versions; the baseline does none of that: it is the cost of the guarantees. A second baseline,
 * {@link SameGuaranteeTracker}, keeps them as a careful developer would with plain JDBC, and is
 * compared with the engine with its outbox on, and without events with the engine without. Both run with the database's settings as printed,
 * and take turns in {@value #SEGMENTS} segments each, so that neither gets the quieter minute.
 * Each line also gives both sides' CPU per postback, in this JVM and in the PostgreSQL backends
 * ({@link CpuMeters}): when the machine is saturated, their ratio is the throughput ratio.
 */
final class JdbcFigures {

    private static final int[] THREADS = {1, 4, 16};
    /** The short run leaves 16 clients to the long run, to stay within its few minutes (docs/benchmarks.md). */
    private static final int[] QUICK_THREADS = {1, 4};
    /** One connection per client, however many. */
    static final int NO_POOL_CAP = Integer.MAX_VALUE;
    /** The measurement alternates between the sides this many times. */
    private static final int SEGMENTS = 5;

    private JdbcFigures() {
    }

    /**
     * @param clients the client counts to measure, instead of the run's own
     * @param postgresql measure PostgreSQL (fsync off)
     * @param durable also measure a PostgreSQL with fsync and synchronous commit on (slow to start: minutes)
     * @param mariadb also measure MariaDB (the long run does by default)
     * @param h2      measure H2
     * @param h2Pool  the most connections of H2's pool (one per client unless fewer: docs/benchmarks.md, "H2 at 16 clients")
     */
    static void run(boolean quick, Optional<int[]> clients, boolean postgresql, boolean durable, boolean mariadb, boolean h2,
                    int h2Pool) throws Exception {
        // The first thread count of a database warms three times as long (JIT), twice in the short
        // run: it has five sides to turn through (docs/benchmarks.md), so its phases are shorter.
        double warmup = quick ? 1 : 5;
        double seconds = quick ? 2.5 : 20;
        // Enough for the fastest side never to run out: a slice is sent once (see LoadDriver). H2
        // runs in process, and its minimal baseline sends up to 75,000 postbacks/s here.
        int postbacks = quick ? 150_000 : 800_000;
        int h2Postbacks = quick ? 250_000 : 1_800_000;
        int[] threads = clients.orElse(quick ? QUICK_THREADS : THREADS);
        if (postgresql) {
            try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.startNew()) {
                // zonky's defaults: no fsync, asynchronous commit.
                String url = postgres.jdbcUrl("postgres");
                System.out.println("BENCH postgres_settings " + postgresSettings(url));
                measure("postgres", url, "postgres", threads, NO_POOL_CAP, warmup, seconds, postbacks, postbacks);
            }
        }
        if (durable) {
            try (EmbeddedPostgresServer server = EmbeddedPostgresServer.startNew(
                    Map.of("fsync", "on", "synchronous_commit", "on"))) {
                String url = server.jdbcUrl("postgres");
                System.out.println("BENCH postgres_durable_settings " + postgresSettings(url));
                measure("postgres_durable", url, "postgres", threads, NO_POOL_CAP, warmup, seconds, postbacks, postbacks);
            }
        }
        if (mariadb) {
            try (EmbeddedMariaDbServer server = EmbeddedMariaDbServer.startNew()) {
                // The test server's settings: innodb_flush_log_at_trx_commit=2 (written at commit, flushed once a second).
                String url = server.jdbcUrl(server.newDatabaseName());
                try (HikariDataSource pool = pool(url, "root", 1); Connection c = pool.getConnection(); Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT VERSION(), @@innodb_flush_log_at_trx_commit")) {
                    rs.next();
                    System.out.println("BENCH mariadb_settings server_version=" + rs.getString(1)
                            + " innodb_flush_log_at_trx_commit=" + rs.getString(2));
                }
                measure("mariadb", url, "root", threads, NO_POOL_CAP, warmup, seconds, postbacks, postbacks);
            }
        }
        if (h2) {
            Path file = Files.createTempDirectory("pb-bench-h2");
            System.out.println("BENCH h2_settings file_database=true");
            if (h2Pool < NO_POOL_CAP) {
                System.out.println("BENCH h2_pool max_connections=" + h2Pool);
            }
            measure("h2", "jdbc:h2:file:" + file.resolve("bench") + ";DB_CLOSE_ON_EXIT=FALSE", "sa", threads, h2Pool, warmup, seconds,
                    h2Postbacks, Math.min(h2Postbacks, 800_000));
        }
    }

    /**
     * Five sides take turns at each thread count: the minimal SQL, the engine, the engine with its
     * outbox on, and the same-guarantee tracker with and without its event rows. The sides that
     * write {@code pb_lead} each send their own keys (same mix, same seed, prefixes of the same
     * length); the minimal baseline writes its own table and shares the engine's keys.
     *
     * @param poolCap       every side's pool has one connection per client, this many at most
     * @param basePostbacks per run of the minimal baseline and the engine, which share their keys
     * @param postbacks     per run of each other side
     */
    private static void measure(String database, String url, String user, int[] threadCounts, int poolCap, double warmup,
                                double seconds, int basePostbacks, int postbacks) throws Exception {
        SameGuaranteeTracker.Database kind = database.startsWith("postgres") ? SameGuaranteeTracker.Database.POSTGRES
                : database.startsWith("mariadb") ? SameGuaranteeTracker.Database.MARIADB : SameGuaranteeTracker.Database.H2;
        for (int threads : threadCounts) {
            try (HikariDataSource pool = pool(url, user, Math.min(threads, poolCap));
                 CpuMeters.PostgresBackends backends = kind == SameGuaranteeTracker.Database.POSTGRES
                         ? CpuMeters.postgresBackends(url, user).orElse(null) : null) {
                Schema.create(pool);
                BaselineTracker baseline = BaselineTracker.create(pool, database);
                TimedLeadStore store = new TimedLeadStore(JdbcLeadStore.builder(pool).build());
                PostbackProcessor processor = PostbackProcessor.builder(store, BenchCatalog.create()).build();
                PostbackProcessor withEvents = PostbackProcessor.builder(JdbcLeadStore.builder(pool).build(), BenchCatalog.create())
                        .recordEvents(true).build();
                SameGuaranteeTracker same = new SameGuaranteeTracker(pool, kind, true);
                SameGuaranteeTracker sameNoEvents = new SameGuaranteeTracker(pool, kind, false);
                String run = database + "-t" + threads + "-";
                List<List<Workload.Postback>> slices = slices(run, threads, basePostbacks / threads);
                // The first run on a database also warms the JIT for the code paths of every side.
                double warm = threads == threadCounts[0] ? (seconds < 20 ? 2 : 3) * warmup : warmup;
                LoadDriver.CpuMeter[] meters = backends == null
                        ? new LoadDriver.CpuMeter[] {CpuMeters.thisJvm()}
                        : new LoadDriver.CpuMeter[] {CpuMeters.thisJvm(), backends};
                LoadDriver.Side baseSide = new LoadDriver.Side(baseline::send, slices, meters);
                LoadDriver.Side engineSide = new LoadDriver.Side(postback -> send(processor, postback), slices, meters);
                LoadDriver.Side eventsSide = new LoadDriver.Side(postback -> send(withEvents, postback),
                        slices(database + "-e" + threads + "-", threads, postbacks / threads), meters);
                LoadDriver.Side sameSide = new LoadDriver.Side(same::send,
                        slices(database + "-g" + threads + "-", threads, postbacks / threads), meters);
                LoadDriver.Side sameNoEventsSide = new LoadDriver.Side(sameNoEvents::send,
                        slices(database + "-n" + threads + "-", threads, postbacks / threads), meters);
                List<LoadDriver.Side> sides = List.of(baseSide, engineSide, eventsSide, sameSide, sameNoEventsSide);
                for (LoadDriver.Side side : sides) {
                    side.warm(warm);
                }
                store.reset();
                for (int segment = 0; segment < SEGMENTS; segment++) {
                    for (LoadDriver.Side side : sides) {
                        side.measure(seconds / SEGMENTS);
                    }
                }
                LoadDriver.Figures base = baseSide.figures();
                LoadDriver.Figures engine = engineSide.figures();
                LoadDriver.Figures events = eventsSide.figures();
                LoadDriver.Figures sg = sameSide.figures();
                LoadDriver.Figures sgNoEvents = sameNoEventsSide.figures();
                System.out.println(String.format(Locale.ROOT,
                        "BENCH jdbc_%s_t%d engine_ops=%.0f baseline_ops=%.0f ratio=%.3f engine_p50_ms=%.2f engine_p99_ms=%.2f"
                                + " baseline_p50_ms=%.2f baseline_p99_ms=%.2f engine_failures=%d baseline_failures=%d",
                        database, threads, engine.opsPerSecond(), base.opsPerSecond(),
                        engine.opsPerSecond() / base.opsPerSecond(), engine.p50Millis(), engine.p99Millis(),
                        base.p50Millis(), base.p99Millis(), engine.failures(), base.failures())
                        + String.format(Locale.ROOT, " engine_events_ops=%.0f same_guarantees_ops=%.0f same_guarantees_ratio=%.3f"
                                        + " same_guarantees_no_events_ops=%.0f same_guarantees_no_events_ratio=%.3f"
                                        + " engine_events_p99_ms=%.2f same_guarantees_p50_ms=%.2f same_guarantees_p99_ms=%.2f"
                                        + " engine_events_failures=%d same_guarantees_failures=%d same_guarantees_no_events_failures=%d",
                                events.opsPerSecond(), sg.opsPerSecond(), events.opsPerSecond() / sg.opsPerSecond(),
                                sgNoEvents.opsPerSecond(), engine.opsPerSecond() / sgNoEvents.opsPerSecond(),
                                events.p99Millis(), sg.p50Millis(), sg.p99Millis(), events.failures(), sg.failures(),
                                sgNoEvents.failures())
                        + cpu("jvm", engine, base, 0) + (backends == null ? "" : cpu("db", engine, base, 1))
                        + cpu("jvm", "engine_events", events, "same_guarantees", sg, 0)
                        + (backends == null ? "" : cpu("db", "engine_events", events, "same_guarantees", sg, 1)));
                System.out.println("BENCH jdbc_" + database + "_t" + threads + "_store_calls " + store.figures(engine.operations()));
            }
        }
    }

    private static String cpu(String what, String oneName, LoadDriver.Figures one, String otherName, LoadDriver.Figures other,
                              int meter) {
        return String.format(Locale.ROOT, " %s_%s_cpu_us=%.1f %s_%s_cpu_us=%.1f", oneName, what, one.cpuMicrosPerOperation(meter),
                otherName, what, other.cpuMicrosPerOperation(meter));
    }

    /** CPU microseconds per postback of each side, as one meter counted them. */
    private static String cpu(String what, LoadDriver.Figures engine, LoadDriver.Figures base, int meter) {
        return String.format(Locale.ROOT, " engine_%s_cpu_us=%.1f baseline_%s_cpu_us=%.1f",
                what, engine.cpuMicrosPerOperation(meter), what, base.cpuMicrosPerOperation(meter));
    }

    static void send(PostbackProcessor processor, Workload.Postback postback) {
        PostbackResult result = processor.handle(PostbackRequest.fromQuery(postback.action(), postback.query()));
        if (result instanceof PostbackResult.Rejected rejected
                && (rejected.code() == ErrorCode.STORE || rejected.code() == ErrorCode.CONFLICT)) {
            throw new IllegalStateException(rejected.message());
        }
    }

    private static List<List<Workload.Postback>> slices(String run, int threads, int perThread) {
        List<List<Workload.Postback>> slices = new ArrayList<>(threads);
        for (int t = 0; t < threads; t++) {
            slices.add(Workload.generate(perThread, BenchCatalog.TOKEN, run + t + "-", 42 + t));
        }
        return slices;
    }

    private static HikariDataSource pool(String url, String user, int threads) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setMaximumPoolSize(threads);
        config.setMinimumIdle(threads);
        return new HikariDataSource(config);
    }

    private static String postgresSettings(String url) throws SQLException {
        StringBuilder settings = new StringBuilder();
        try (HikariDataSource pool = pool(url, "postgres", 1); Connection c = pool.getConnection();
             Statement s = c.createStatement()) {
            for (String name : new String[] {"server_version", "fsync", "synchronous_commit", "full_page_writes"}) {
                try (ResultSet rs = s.executeQuery("SHOW " + name)) {
                    rs.next();
                    settings.append(name).append('=').append(rs.getString(1).replace(' ', '_')).append(' ');
                }
            }
        }
        return settings.toString().trim();
    }

    /** What a hand-written tracker does: decode the query, then one statement, in autocommit. */
    static final class BaselineTracker {
        private final HikariDataSource pool;
        private final String insert;
        private final boolean catchDuplicate;

        private BaselineTracker(HikariDataSource pool, String insert, boolean catchDuplicate) {
            this.pool = pool;
            this.insert = insert;
            this.catchDuplicate = catchDuplicate;
        }

        static BaselineTracker create(HikariDataSource pool, String database) throws SQLException {
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS bench_lead");
                s.execute("CREATE TABLE bench_lead (id BIGINT " + (database.startsWith("mariadb") ? "AUTO_INCREMENT"
                        : "GENERATED BY DEFAULT AS IDENTITY") + " PRIMARY KEY, "
                        + "click VARCHAR(128) NOT NULL, exto VARCHAR(128) NOT NULL, status VARCHAR(16) NOT NULL, "
                        + "goal VARCHAR(64) NOT NULL, CONSTRAINT bench_lead_key UNIQUE (click, exto))");
            }
            boolean postgres = database.startsWith("postgres");
            boolean mariadb = database.startsWith("mariadb");
            String insert = "INSERT " + (mariadb ? "IGNORE " : "") + "INTO bench_lead (click, exto, status, goal) VALUES (?, ?, 'new', 'reg')"
                    + (postgres ? " ON CONFLICT (click, exto) DO NOTHING" : "");
            return new BaselineTracker(pool, insert, !postgres && !mariadb);
        }

        void send(Workload.Postback postback) throws SQLException {
            Map<String, String> params = EngineBenchmark.decode(postback.query());
            try (Connection c = pool.getConnection()) {
                if (postback.action() == Action.CREATE) {
                    try (PreparedStatement ps = c.prepareStatement(insert)) {
                        ps.setString(1, params.get("click"));
                        ps.setString(2, params.get("exto"));
                        ps.executeUpdate();
                    } catch (SQLException e) {
                        if (!catchDuplicate || !e.getSQLState().startsWith("23")) {
                            throw e;
                        }
                    }
                } else {
                    try (PreparedStatement ps = c.prepareStatement(
                            "UPDATE bench_lead SET status = ?, goal = ? WHERE click = ? AND exto = ?")) {
                        ps.setString(1, params.get("status"));
                        ps.setString(2, params.get("goal"));
                        ps.setString(3, params.get("click"));
                        ps.setString(4, params.get("exto"));
                        ps.executeUpdate();
                    }
                }
            }
        }
    }
}
