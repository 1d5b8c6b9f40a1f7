package io.postback.jdbc.internal;

import java.util.List;

/**
 * Walks a table by its primary key, a bounded batch of rows at a time, each batch in a short
 * transaction of its own (docs/retention.md): postbacks wait at most for one batch's locks.
 */
final class PurgeBatches {

    /** What one batch did: rows deleted, the last id it looked at, and whether the walk is over. */
    record Batch(int deleted, long lastId, boolean done) {
    }

    /** One batch after an id. */
    interface Step {
        Batch after(long id);
    }

    private PurgeBatches() {
    }

    /** Runs batches until one says the walk is over: the rows deleted in all. */
    static long run(Step step) {
        long deleted = 0;
        long after = 0;
        while (true) {
            Batch batch = step.after(after);
            deleted += batch.deleted();
            if (batch.done()) {
                return deleted;
            }
            after = batch.lastId();
        }
    }

    /** {@code DELETE FROM table WHERE id IN (?, ...)} for {@code count} ids. */
    static String deleteByIds(String table, String column, int count) {
        return "DELETE FROM " + table + " WHERE " + column + " IN (" + placeholders(count) + ")";
    }

    static String placeholders(int count) {
        return "?, ".repeat(count - 1) + "?";
    }

    static void bindIds(Binder b, List<Long> ids) throws java.sql.SQLException {
        for (long id : ids) {
            b.number(id);
        }
    }

    static void requirePositive(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("the batch size must be at least 1: " + batchSize);
        }
    }
}
