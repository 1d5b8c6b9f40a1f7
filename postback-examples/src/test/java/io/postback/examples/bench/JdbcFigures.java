package io.postback.examples.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.postback.PostbackProcessor;
import io.postback.PostbackRequest;
import io.postback.PostbackResult;
import io.postback.jdbc.JdbcLeadStore;
import io.postback.jdbc.Schema;
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

/**
 * The processor over {@link JdbcLeadStore} against a hand-written tracker's minimal SQL on the same
 * database and pool: one insert-if-absent per CREATE, one keyed update per STATUS, after the same
 * query-string decoding. The processor also journals every postback, books the ledger and checks
 * versions; the baseline does none of that. Both run with the database's settings as printed,
 * and take turns in {@value #SEGMENTS} segments each, so that neither gets the quieter minute.
 * Each line also gives both sides' CPU per postback, in this JVM and in the PostgreSQL backends
 * ({@link CpuMeters}): when the machine is saturated, their ratio is the throughput ratio.
 */
final class JdbcFigures {

    private static final int[] THREADS = {1, 4, 16};
    /** The measurement alternates between the sides this many times. */
    private static final int SEGMENTS = 5;

    private JdbcFigures() {
    }

    /** @param durable also measure a PostgreSQL with fsync and synchronous commit on (slow to start: minutes) */
    static void run(boolean quick, boolean durable) throws Exception {
        double warmup = quick ? 2 : 5; // the first thread count of a database warms three times as long (JIT)
        double seconds = quick ? 3 : 20;
        // Enough for the fastest side never to run out: a slice is sent once (see LoadDriver). H2
        // runs in process, and its baseline sends up to 75,000 postbacks/s here.
        int postbacks = quick ? 300_000 : 800_000;
        int h2Postbacks = quick ? 300_000 : 2_400_000;
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.startNew()) {
            // zonky's defaults: no fsync, asynchronous commit.
            String url = postgres.jdbcUrl("postgres");
            System.out.println("BENCH postgres_settings " + postgresSettings(url));
            measure("postgres", url, "postgres", warmup, seconds, postbacks);
        }
        if (durable) {
            try (EmbeddedPostgresServer server = EmbeddedPostgresServer.startNew(
                    Map.of("fsync", "on", "synchronous_commit", "on"))) {
                String url = server.jdbcUrl("postgres");
                System.out.println("BENCH postgres_durable_settings " + postgresSettings(url));
                measure("postgres_durable", url, "postgres", warmup, seconds, postbacks);
            }
        }
        Path h2 = Files.createTempDirectory("pb-bench-h2");
        System.out.println("BENCH h2_settings file_database=true");
        measure("h2", "jdbc:h2:file:" + h2.resolve("bench") + ";DB_CLOSE_ON_EXIT=FALSE", "sa", warmup, seconds, h2Postbacks);
    }

    private static void measure(String database, String url, String user, double warmup, double seconds, int postbacks)
            throws Exception {
        for (int threads : THREADS) {
            try (HikariDataSource pool = pool(url, user, threads);
                 CpuMeters.PostgresBackends backends = database.startsWith("postgres")
                         ? CpuMeters.postgresBackends(url, user).orElse(null) : null) {
                Schema.create(pool);
                BaselineTracker baseline = BaselineTracker.create(pool, database);
                TimedLeadStore store = new TimedLeadStore(JdbcLeadStore.builder(pool).build());
                PostbackProcessor processor = PostbackProcessor.builder(store, BenchCatalog.create()).build();
                String run = database + "-t" + threads + "-";
                List<List<Workload.Postback>> slices = slices(run, threads, postbacks / threads);
                // The first run on a database also warms the JIT for the code paths of both sides.
                double warm = threads == THREADS[0] ? 3 * warmup : warmup;
                LoadDriver.CpuMeter[] meters = backends == null
                        ? new LoadDriver.CpuMeter[] {CpuMeters.thisJvm()}
                        : new LoadDriver.CpuMeter[] {CpuMeters.thisJvm(), backends};
                LoadDriver.Side baseSide = new LoadDriver.Side(baseline::send, slices, meters);
                LoadDriver.Side engineSide = new LoadDriver.Side(postback -> send(processor, postback), slices, meters);
                baseSide.warm(warm);
                engineSide.warm(warm);
                store.reset();
                for (int segment = 0; segment < SEGMENTS; segment++) {
                    baseSide.measure(seconds / SEGMENTS);
                    engineSide.measure(seconds / SEGMENTS);
                }
                LoadDriver.Figures base = baseSide.figures();
                LoadDriver.Figures engine = engineSide.figures();
                System.out.println(String.format(Locale.ROOT,
                        "BENCH jdbc_%s_t%d engine_ops=%.0f baseline_ops=%.0f ratio=%.3f engine_p50_ms=%.2f engine_p99_ms=%.2f"
                                + " baseline_p50_ms=%.2f baseline_p99_ms=%.2f engine_failures=%d baseline_failures=%d",
                        database, threads, engine.opsPerSecond(), base.opsPerSecond(),
                        engine.opsPerSecond() / base.opsPerSecond(), engine.p50Millis(), engine.p99Millis(),
                        base.p50Millis(), base.p99Millis(), engine.failures(), base.failures())
                        + cpu("jvm", engine, base, 0) + (backends == null ? "" : cpu("db", engine, base, 1)));
                System.out.println("BENCH jdbc_" + database + "_t" + threads + "_store_calls " + store.figures(engine.operations()));
            }
        }
    }

    /** CPU microseconds per postback of each side, as one meter counted them. */
    private static String cpu(String what, LoadDriver.Figures engine, LoadDriver.Figures base, int meter) {
        return String.format(Locale.ROOT, " engine_%s_cpu_us=%.1f baseline_%s_cpu_us=%.1f",
                what, engine.cpuMicrosPerOperation(meter), what, base.cpuMicrosPerOperation(meter));
    }

    private static void send(PostbackProcessor processor, Workload.Postback postback) {
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
                s.execute("CREATE TABLE bench_lead (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, "
                        + "click VARCHAR(128) NOT NULL, exto VARCHAR(128) NOT NULL, status VARCHAR(16) NOT NULL, "
                        + "goal VARCHAR(64) NOT NULL, CONSTRAINT bench_lead_key UNIQUE (click, exto))");
            }
            boolean postgres = database.startsWith("postgres");
            String insert = "INSERT INTO bench_lead (click, exto, status, goal) VALUES (?, ?, 'new', 'reg')"
                    + (postgres ? " ON CONFLICT (click, exto) DO NOTHING" : "");
            return new BaselineTracker(pool, insert, !postgres);
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
                        if (!catchDuplicate || !"23505".equals(e.getSQLState())) {
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
