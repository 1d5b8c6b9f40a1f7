package io.postback.jdbc.internal;

import java.sql.SQLException;

/** Binds the parameters of one statement, in order. */
@FunctionalInterface
interface Parameters {

    Parameters NONE = binder -> { };

    void bind(Binder binder) throws SQLException;

    /** Binds the parameters of a statement run once per item. */
    @FunctionalInterface
    interface PerItem<T> {
        void bind(Binder binder, T item) throws SQLException;
    }
}
