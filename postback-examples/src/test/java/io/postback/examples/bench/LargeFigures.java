package io.postback.examples.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.postback.PostbackProcessor;
import io.postback.jdbc.JdbcLeadStore;
import io.postback.jdbc.Schema;
import io.postback.jdbc.testing.EmbeddedPostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Flat with data (docs/benchmarks.md, "A large PostgreSQL"): the engine on a database that holds
 * millions of leads and journal rows, bulk-loaded with {@code INSERT ... SELECT generate_series},
 * against the same engine on an empty database of the same server, the two taking turns with the
 * JDBC figures' mix and four clients. Afterwards the hot statements run once more under
 * {@code auto_explain} (analyze, buffers) at that size, and their plans go to
 * {@code target/large-postgres-plans.txt}.
 */
final class LargeFigures {

    private static final int THREADS = 4;
    private static final int SEGMENTS = 5;
    private static final int CHUNK = 1_000_000;

    private LargeFigures() {
    }

    static void run(boolean quick) throws Exception {
        int rows = quick ? 1_000_000 : 10_000_000;
        double warmup = quick ? 1 : 5;
        double seconds = quick ? 3 : 20;
        int postbacks = quick ? 100_000 : 400_000;
        // The server log collects auto_explain's plans; it lives in the data directory, deleted on close.
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.startNew(Map.of("logging_collector", "on",
                "log_min_duration_statement", "-1", "max_wal_size", "4GB"))) {
            String emptyUrl = server.jdbcUrl(createDatabase(server, "pb_empty"));
            String largeUrl = server.jdbcUrl(createDatabase(server, "pb_large"));
            try (HikariDataSource empty = pool(emptyUrl, THREADS, null); HikariDataSource large = pool(largeUrl, THREADS, null)) {
                Schema.create(empty);
                Schema.create(large);
                long started = System.nanoTime();
                load(large, rows);
                double loadSeconds = (System.nanoTime() - started) / 1e9;
                PostbackProcessor onEmpty = PostbackProcessor.builder(JdbcLeadStore.builder(empty).build(), BenchCatalog.create()).build();
                PostbackProcessor onLarge = PostbackProcessor.builder(JdbcLeadStore.builder(large).build(), BenchCatalog.create()).build();
                LoadDriver.Side emptySide = new LoadDriver.Side(p -> JdbcFigures.send(onEmpty, p), slices("pb-empty-", postbacks));
                LoadDriver.Side largeSide = new LoadDriver.Side(p -> JdbcFigures.send(onLarge, p), slices("pb-large-", postbacks));
                emptySide.warm(3 * warmup);
                largeSide.warm(3 * warmup);
                for (int segment = 0; segment < SEGMENTS; segment++) {
                    largeSide.measure(seconds / SEGMENTS);
                    emptySide.measure(seconds / SEGMENTS);
                }
                LoadDriver.Figures onLargeFigures = largeSide.figures();
                LoadDriver.Figures onEmptyFigures = emptySide.figures();
                System.out.println(String.format(Locale.ROOT,
                        "BENCH large_postgres rows=%d journal_rows=%d threads=%d ops=%.0f empty_ops=%.0f ratio_to_empty=%.3f"
                                + " p50_ms=%.2f p99_ms=%.2f empty_p50_ms=%.2f empty_p99_ms=%.2f failures=%d empty_failures=%d"
                                + " load_seconds=%.0f lead_table_mb=%d journal_table_mb=%d",
                        rows, rows, THREADS, onLargeFigures.opsPerSecond(), onEmptyFigures.opsPerSecond(),
                        onLargeFigures.opsPerSecond() / onEmptyFigures.opsPerSecond(), onLargeFigures.p50Millis(),
                        onLargeFigures.p99Millis(), onEmptyFigures.p50Millis(), onEmptyFigures.p99Millis(),
                        onLargeFigures.failures(), onEmptyFigures.failures(), loadSeconds,
                        megabytes(large, "pb_lead"), megabytes(large, "pb_journal")));
            }
            Path plans = Path.of("target", "large-postgres-plans.txt");
            int statements = explainHotStatements(server, largeUrl, plans);
            System.out.println("BENCH large_postgres_plans statements=" + statements + " file=" + plans);
        }
    }

    /** Leads with realistic keys, statuses, goals and a creation time spread over 90 days; one journal row each. */
    private static void load(HikariDataSource pool, int rows) throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            for (int from = 1; from <= rows; from += CHUNK) {
                int to = Math.min(rows, from + CHUNK - 1);
                String series = " FROM (SELECT i, now() - ((" + rows + " - i) * (interval '90 days' / " + rows + ")) AS t"
                        + " FROM generate_series(" + from + ", " + to + ") AS i) AS g";
                s.execute("INSERT INTO pb_lead (version, offer_id, site_id, click, exto, flow_id, webmaster_id, dedupe_key, "
                        + "created_at, status, goal, payout, payout_currency, payout_source, commission, commission_currency, "
                        + "commission_source, lead_comment, updated_at) SELECT 1 + i % 3, 1, 12, 'bulk-c' || i || '-7f3a9e', "
                        + "'bulk-ord' || i, 1234 + i % 2, 77 + i % 2, 'x:bulk-c' || i || '-7f3a9e' || chr(31) || 'bulk-ord' || i, t, "
                        + "(ARRAY['new', 'wait', 'hold', 'approve', 'approve', 'cancel', 'trash'])[1 + i % 7], "
                        + "CASE WHEN i % 4 = 0 THEN 'dep' ELSE 'reg' END, CASE WHEN i % 4 = 0 THEN 30 ELSE 4 END, 'EUR', 'GOAL', "
                        + "CASE WHEN i % 4 = 0 THEN 50 ELSE 10 END, 'EUR', 'GOAL', 'via api', t + interval '2 hours'" + series);
                // Journal rows name their lead by id: the leads above took ids 1..rows of a new table.
                s.execute("INSERT INTO pb_journal (received_at, postback_action, params, offer_id, site_id, lead_id, outcome, "
                        + "message, remote_address, postback_id) SELECT t, 'create', '{\"token\":[\"12-***\"],\"click\":[\"bulk-c' "
                        + "|| i || '-7f3a9e\"],\"exto\":[\"bulk-ord' || i || '\"],\"sub1\":[\"fb ads\"],\"comment\":[\"via api\"]}', "
                        + "1, 12, i, 'created', 'created lead ' || i, '203.0.113.7', "
                        + "substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-7' || substr(r, 1, 3) || '-8' || substr(r, 4, 3) || '-' "
                        + "|| substr(r, 7, 12) FROM (SELECT i, t, lpad(to_hex((extract(epoch FROM t) * 1000)::bigint), 12, '0') AS h, "
                        + "md5(i::text) AS r" + series + ") AS v");
                System.out.println("# large_postgres loaded " + to + " leads and journal rows");
            }
            s.execute("VACUUM (ANALYZE) pb_lead");
            s.execute("VACUUM (ANALYZE) pb_journal");
        }
    }

    /**
     * Sends a fresh slice through a processor whose connection logs every plan (auto_explain with
     * analyze and buffers), then keeps the last plan of each distinct statement: by then the
     * statements are server-prepared, and the plans are those of the steady state.
     */
    private static int explainHotStatements(EmbeddedPostgresServer server, String url, Path out) throws SQLException, IOException {
        Path logs;
        try (HikariDataSource pool = pool(url, 1, "LOAD 'auto_explain'; SET auto_explain.log_min_duration = 0; "
                + "SET auto_explain.log_analyze = on; SET auto_explain.log_buffers = on; SET auto_explain.log_nested_statements = on")) {
            PostbackProcessor processor = PostbackProcessor.builder(JdbcLeadStore.builder(pool).build(), BenchCatalog.create()).build();
            for (Workload.Postback postback : Workload.generate(300, BenchCatalog.TOKEN, "pb-plans-", 7)) {
                JdbcFigures.send(processor, postback);
            }
            try (Connection c = pool.getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SHOW data_directory")) {
                rs.next();
                logs = Path.of(rs.getString(1), "log");
            }
        }
        Map<String, String> last = new LinkedHashMap<>();
        List<Path> files;
        try (Stream<Path> listing = Files.list(logs)) {
            files = listing.sorted().toList();
        }
        for (Path file : files) {
            String text = Files.readString(file);
            for (String entry : text.split("\n(?=\\S+ \\S+ UTC \\[)|\n(?=\\d{4}-\\d\\d-\\d\\d )")) {
                int at = entry.indexOf("Query Text: ");
                if (entry.contains("duration:") && at >= 0) {
                    String query = entry.substring(at + 12, entry.indexOf('\n', at) < 0 ? entry.length() : entry.indexOf('\n', at));
                    // The engine's statements on the lead tables; not the driver's metadata queries.
                    if (query.matches("(?s).*\\bpb_(lead|journal|ledger|outbox)\\b.*") && !query.contains("TABLE_CAT")) {
                        last.put(query, entry);
                    }
                }
            }
        }
        List<String> plans = new ArrayList<>(last.values());
        Files.createDirectories(out.getParent());
        Files.writeString(out, String.join("\n\n", plans) + "\n");
        return plans.size();
    }

    private static List<List<Workload.Postback>> slices(String prefix, int postbacks) {
        List<List<Workload.Postback>> slices = new ArrayList<>(THREADS);
        for (int t = 0; t < THREADS; t++) {
            slices.add(Workload.generate(postbacks / THREADS, BenchCatalog.TOKEN, prefix + t + "-", 42 + t));
        }
        return slices;
    }

    private static String createDatabase(EmbeddedPostgresServer server, String name) throws SQLException {
        try (Connection c = server.dataSource("postgres").getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return name;
    }

    private static long megabytes(HikariDataSource pool, String table) throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_total_relation_size('" + table + "') / 1048576")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static HikariDataSource pool(String url, int threads, String initSql) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername("postgres");
        config.setMaximumPoolSize(threads);
        config.setMinimumIdle(threads);
        if (initSql != null) {
            config.setConnectionInitSql(initSql);
        }
        return new HikariDataSource(config);
    }
}
