package io.postback.examples.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.postback.examples.demo.DemoOptions;
import io.postback.examples.demo.DemoServer;
import io.postback.examples.testing.DemoServers;
import io.postback.examples.testing.HttpTestClient;
import io.postback.examples.testing.HttpTestClient.Response;
import io.postback.examples.testing.LogCapture;
import io.postback.model.Lead;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The demo server over the hostile test catalog, on a private in-memory H2 database, with a second
 * connection to that database to look at the tables directly, and every log line captured.
 *
 * <p>The catalog ({@code hostile-catalog.json}): offer 1 (EUR; goals {@code reg}, {@code dep}) and
 * offer 2 (USD; goal {@code lead}); site 12 of offer 1, site 13 of offer 2, site 14 of offer 1 with
 * a signing secret, site 15 of offer 1 allowed from 203.0.113.7, 198.51.100.0/24 and 2001:db8::/32
 * only, site 16 of offer 1 allowed from loopback only; flow 1234 of offer 1, flow 2001 of offer 2.
 */
final class HostileDemo implements AutoCloseable {

    static final String KEY_12 = "K7fQ2xWm9Lp4Rz8Tb3Nc";
    static final String KEY_13 = "Vd5Hs8Jq2Yb6Ng3Xc9Pw";
    static final String KEY_14 = "Sg4Tn7Rk1Mw8Qz5Lb2Hd";
    static final String SECRET_14 = "Ux3Fe9Ka6Wr2Jm8Yt5Gc1Qv";
    static final String KEY_15 = "Al6Bw3Ce9Dx2Ey7Fz4Gv";
    static final String KEY_16 = "Lo8Pq3Rs6Tu1Vw4Xy7Za";
    static final String TOKEN_12 = "12-" + KEY_12;
    static final String TOKEN_13 = "13-" + KEY_13;
    static final String TOKEN_14 = "14-" + KEY_14;
    static final String TOKEN_15 = "15-" + KEY_15;
    static final String TOKEN_16 = "16-" + KEY_16;

    static final String CLICK = "/api/site/click.json";
    static final String STATUS = "/api/site/status.json";

    private static final List<String> TABLES = List.of("PB_LEAD", "PB_JOURNAL", "PB_LEDGER", "PB_OUTBOX", "PB_SEEN_SIGNATURE",
            "PB_OFFER", "PB_GOAL", "PB_GOAL_ALIAS", "PB_SITE", "PB_SITE_STATUS_ALIAS", "PB_SITE_SOURCE", "PB_FLOW", "PB_RATE");
    /** A secret's fragment this long appearing anywhere is a leak: eight characters of a key are too many. */
    private static final int FRAGMENT = 8;

    final DemoServer server;
    final HttpTestClient http;
    private final LogCapture logs;
    private final Connection db;
    private final Set<String> secrets = new LinkedHashSet<>(List.of(KEY_12, KEY_13, KEY_14, SECRET_14, KEY_15, KEY_16));

    private HostileDemo(LogCapture logs, DemoServer server, Connection db) {
        this.logs = logs;
        this.server = server;
        this.http = new HttpTestClient(server.port());
        this.db = db;
    }

    static HostileDemo start() throws Exception {
        LogCapture logs = LogCapture.start();
        String url = DemoServers.privateH2();
        DemoServer server = null;
        try {
            server = DemoServers.startJournalingEveryPostback(DemoOptions.defaults().withPort(0).withJdbcUrl(url)
                    .withCatalog(catalogFile()));
            return new HostileDemo(logs, server, DriverManager.getConnection(url));
        } catch (Exception | Error e) {
            if (server != null) {
                server.close();
            }
            logs.close();
            throw e;
        }
    }

    static Path catalogFile() {
        try {
            return Path.of(Objects.requireNonNull(HostileDemo.class.getResource("hostile-catalog.json")).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A signature sent in a test: from now on it must not appear anywhere either. */
    void sentSignature(String sig) {
        secrets.add(sig);
    }

    /** What a rejected postback must leave as it was; taking it also starts a new window of log lines. */
    record State(List<String> leads, List<String> ledger, List<String> outbox, List<String> signatures, long lastJournalId) {
    }

    /** One journal row, every column as text. */
    record JournalRow(long id, String outcome, String error, String leadId, String params, String message, String remoteAddress) {
        String all() {
            return String.join("|", Long.toString(id), outcome, String.valueOf(error), String.valueOf(leadId), params, message,
                    String.valueOf(remoteAddress));
        }
    }

    State state() {
        logs.newLines();
        return read();
    }

    /** Sends the request and checks it was rejected with {@code code}, as {@link #assertRejected} does. */
    JournalRow rejected(String code, Supplier<Response> request) {
        State before = state();
        return assertRejected(request.get(), code, before);
    }

    /** Sends the request and checks it created a lead, as {@link #assertCreated} does. */
    Lead created(Supplier<Response> request) {
        State before = state();
        return assertCreated(request.get(), before);
    }

    /**
     * The postback was answered {@code code} with HTTP 200; leads, ledger, outbox and seen signatures
     * are as they were; the journal has exactly one new row, rejected with that code; the demo
     * logged one line for it; no secret anywhere.
     */
    JournalRow assertRejected(Response response, String code, State before) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).startsWith("{\"status\":\"error\",\"error\":\"" + code + "\",\"message\":\"");
        State after = read();
        assertThat(after.leads()).as("leads").isEqualTo(before.leads());
        assertThat(after.ledger()).as("ledger").isEqualTo(before.ledger());
        assertThat(after.outbox()).as("outbox").isEqualTo(before.outbox());
        assertThat(after.signatures()).as("seen signatures").isEqualTo(before.signatures());
        JournalRow row = onlyNewJournalRow(before);
        assertThat(row.outcome()).isEqualTo("rejected");
        assertThat(row.error()).isEqualTo(code);
        assertThat(row.leadId()).isNull();
        assertIntact(response, row, "outcome=rejected error=" + code + " lead=-");
        return row;
    }

    /** The postback created one lead and changed nothing else (a lead created in {@code new} books nothing). */
    Lead assertCreated(Response response, State before) {
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).as(response.body()).startsWith("{\"status\":\"ok\",").contains("\"result\":\"created\"");
        State after = read();
        assertThat(after.leads()).hasSize(before.leads().size() + 1);
        assertThat(after.leads().subList(0, before.leads().size())).as("the leads before").isEqualTo(before.leads());
        assertThat(after.ledger()).as("ledger").isEqualTo(before.ledger());
        assertThat(after.outbox()).as("outbox").isEqualTo(before.outbox());
        JournalRow row = onlyNewJournalRow(before);
        assertThat(row.outcome()).isEqualTo("created");
        assertThat(row.leadId()).isNotNull();
        Lead lead = server.history().lead(Long.parseLong(row.leadId())).orElseThrow();
        assertIntact(response, row, "outcome=created error=- lead=" + lead.id());
        return lead;
    }

    /** The processor never saw the request: nothing at all changed, not even the journal. */
    void assertUntouched(State before) {
        State after = read();
        assertThat(after).isEqualTo(before);
        assertTablesExist();
        assertNoSecretIn("a log line", logs.newLines());
    }

    List<JournalRow> journalAfter(long id) {
        List<JournalRow> rows = new ArrayList<>();
        try (PreparedStatement statement = db.prepareStatement(
                "SELECT id, outcome, error_code, lead_id, params, message, remote_address FROM pb_journal WHERE id > ? ORDER BY id")) {
            statement.setLong(1, id);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(new JournalRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getString(7)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }

    /** Neither a key, nor the signing secret, nor a signature sent, nor eight characters of one, in any log line or journal row. */
    void assertNoSecretAnywhere() {
        assertNoSecretIn("a log line", logs.lines());
        assertNoSecretIn("a journal row", journalAfter(0).stream().map(JournalRow::all).toList());
    }

    /** Every line captured so far. */
    List<String> logLines() {
        return logs.lines();
    }

    private State read() {
        List<String> journal = rows("SELECT id FROM pb_journal ORDER BY id DESC FETCH FIRST 1 ROWS ONLY");
        return new State(rows("SELECT * FROM pb_lead ORDER BY id"), rows("SELECT * FROM pb_ledger ORDER BY id"),
                rows("SELECT * FROM pb_outbox ORDER BY id"), rows("SELECT * FROM pb_seen_signature ORDER BY digest"),
                journal.isEmpty() ? 0 : Long.parseLong(journal.get(0)));
    }

    private JournalRow onlyNewJournalRow(State before) {
        List<JournalRow> rows = journalAfter(before.lastJournalId());
        assertThat(rows).as("new journal rows").hasSize(1);
        return rows.get(0);
    }

    /** The tables are all there, the demo logged one line for the postback, and no secret showed anywhere new. */
    private void assertIntact(Response response, JournalRow row, String logged) {
        assertTablesExist();
        List<String> lines = logs.newLines();
        assertThat(lines).filteredOn(l -> l.startsWith("INFO postback ")).singleElement().asString().contains(logged);
        assertNoSecretIn("a log line", lines);
        assertNoSecretIn("the answer", List.of(response.body()));
        assertNoSecretIn("the new journal row", List.of(row.all()));
    }

    private void assertTablesExist() {
        assertThat(rows("SELECT table_name FROM information_schema.tables WHERE table_schema = 'PUBLIC'"))
                .containsAll(TABLES);
    }

    private void assertNoSecretIn(String where, List<String> texts) {
        for (String secret : secrets) {
            for (int i = 0; i + FRAGMENT <= secret.length(); i++) {
                String fragment = secret.substring(i, i + FRAGMENT);
                for (String text : texts) {
                    if (text.contains(fragment)) {
                        throw new AssertionError("a secret's fragment '" + fragment + "' appears in " + where + ": " + text);
                    }
                }
            }
        }
    }

    private List<String> rows(String sql) {
        List<String> rows = new ArrayList<>();
        try (PreparedStatement statement = db.prepareStatement(sql); ResultSet rs = statement.executeQuery()) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int c = 1; c <= columns; c++) {
                    row.append(c > 1 ? "|" : "").append(rs.getString(c));
                }
                rows.add(row.toString());
            }
        } catch (SQLException e) {
            throw new IllegalStateException("query failed: " + sql, e);
        }
        return rows;
    }

    @Override
    public void close() throws Exception {
        try (LogCapture closingLogs = logs; Connection closingDb = db; DemoServer closingServer = server) {
            assertNoSecretAnywhere();
        }
    }
}
