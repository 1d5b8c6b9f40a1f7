package io.postback.examples.demo;

import io.postback.memory.InMemoryOfferCatalog;
import io.postback.spi.EventOutbox;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import javax.sql.DataSource;

/**
 * What {@code /health} reports (docs/observability.md): up when the database answers and the catalog
 * has sites, with the catalog's size and the outbox backlog. Reports counts and states only: never
 * the JDBC URL, a key or a token, nor an exception's message.
 */
final class DemoHealth {

    /** How long the database may take to answer {@link Connection#isValid(int)}. */
    static final int VALID_WITHIN_SECONDS = 1;

    private final DataSource database;
    private final InMemoryOfferCatalog catalog;
    private final Optional<EventOutbox> outbox;

    /**
     * @param database a pool that bounds its own wait for a connection (the demo's waits a quarter
     *                 of the postback deadline), so that a check never hangs on an unreachable database
     */
    DemoHealth(DataSource database, InMemoryOfferCatalog catalog, Optional<EventOutbox> outbox) {
        this.database = Objects.requireNonNull(database, "database");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
    }

    /**
     * One check.
     *
     * @param up   whether every part is up: HTTP 200, else 503
     * @param json {@code {"status":"up","database":{...},"catalog":{...},"outbox":{...}}}
     */
    record Report(boolean up, String json) {
    }

    Report check() {
        boolean databaseUp = databaseAnswers();
        int sites = catalog.sites().size();
        boolean catalogUp = sites > 0;
        boolean up = databaseUp && catalogUp;
        StringBuilder json = new StringBuilder("{\"status\":").append(status(up))
                .append(",\"database\":{\"status\":").append(status(databaseUp)).append('}')
                .append(",\"catalog\":{\"status\":").append(status(catalogUp))
                .append(",\"offers\":").append(catalog.offers().size())
                .append(",\"sites\":").append(sites).append('}');
        if (outbox.isPresent()) {
            // The backlog is read from the database: not tried while the database is down.
            OptionalLong backlog = databaseUp ? backlog(outbox.get()) : OptionalLong.empty();
            json.append(",\"outbox\":").append(backlog.isPresent() ? "{\"backlog\":" + backlog.getAsLong() + "}"
                    : "{\"status\":\"unknown\"}");
        }
        return new Report(up, json.append('}').toString());
    }

    private boolean databaseAnswers() {
        try (Connection connection = database.getConnection()) {
            return connection.isValid(VALID_WITHIN_SECONDS);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    private static OptionalLong backlog(EventOutbox outbox) {
        try {
            return OptionalLong.of(outbox.backlog());
        } catch (RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    private static String status(boolean up) {
        return up ? "\"up\"" : "\"down\"";
    }
}
