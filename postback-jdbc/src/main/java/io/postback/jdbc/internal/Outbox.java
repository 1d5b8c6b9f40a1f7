package io.postback.jdbc.internal;

import io.postback.spi.Deadline;
import io.postback.spi.StoredEvent;
import java.time.Duration;
import java.util.List;

/** The events of {@code pb_outbox}, oldest first, until they are delivered. */
public final class Outbox {

    private static final int DELETE_CHUNK = 100;
    private static final Duration BACKLOG_DEADLINE = Duration.ofSeconds(2);

    private final JdbcRunner runner;
    private final String pending;

    public Outbox(SqlDialect dialect) {
        this.runner = dialect.runner();
        this.pending = EffectTables.OUTBOX_SELECT + " ORDER BY id" + dialect.limit();
    }

    public List<StoredEvent> pending(int max) {
        return runner.query("reading the outbox", Deadline.none(), pending, b -> b.number(max), EffectTables::readEvent);
    }

    /**
     * Delivered events are deleted, so every row waits. Read by monitoring, at every scrape: bounded
     * by {@link #BACKLOG_DEADLINE}, so that a database that hangs fails the reading instead of the scrape.
     */
    public long backlog() {
        return runner.queryFirst("counting the outbox", Deadline.in(BACKLOG_DEADLINE), "SELECT COUNT(*) FROM pb_outbox",
                b -> { }, row -> row.number(1)).orElse(0L);
    }

    /** Deletes the events, a hundred per statement. */
    public void markDelivered(List<Long> eventIds) {
        for (int from = 0; from < eventIds.size(); from += DELETE_CHUNK) {
            List<Long> chunk = eventIds.subList(from, Math.min(eventIds.size(), from + DELETE_CHUNK));
            String sql = "DELETE FROM pb_outbox WHERE id IN (" + "?, ".repeat(chunk.size() - 1) + "?)";
            runner.update("deleting delivered events", Deadline.none(), sql, b -> {
                for (long id : chunk) {
                    b.number(id);
                }
            });
        }
    }
}
