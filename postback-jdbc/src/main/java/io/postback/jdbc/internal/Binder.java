package io.postback.jdbc.internal;

import io.postback.model.Money;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/** Binds parameters in order, mapping the model's optionals to SQL NULL. */
final class Binder {

    private final PreparedStatement statement;
    private final Timestamps timestamps;
    private int index;

    Binder(PreparedStatement statement, Timestamps timestamps) {
        this.statement = statement;
        this.timestamps = timestamps;
    }

    Binder string(String value) throws SQLException {
        statement.setString(++index, value);
        return this;
    }

    Binder string(Optional<String> value) throws SQLException {
        if (value.isPresent()) {
            return string(value.get());
        }
        statement.setNull(++index, Types.VARCHAR);
        return this;
    }

    Binder number(long value) throws SQLException {
        statement.setLong(++index, value);
        return this;
    }

    Binder number(OptionalLong value) throws SQLException {
        if (value.isPresent()) {
            return number(value.getAsLong());
        }
        statement.setNull(++index, Types.BIGINT);
        return this;
    }

    Binder integer(int value) throws SQLException {
        statement.setInt(++index, value);
        return this;
    }

    Binder decimal(BigDecimal value) throws SQLException {
        statement.setBigDecimal(++index, value);
        return this;
    }

    /** Two parameters: the amount and the currency code. */
    Binder money(Money money) throws SQLException {
        return decimal(money.amount()).string(money.currency().getCurrencyCode());
    }

    Binder instant(Instant value) throws SQLException {
        timestamps.bind(statement, ++index, value);
        return this;
    }

    Binder instant(Optional<Instant> value) throws SQLException {
        if (value.isPresent()) {
            return instant(value.get());
        }
        timestamps.bindNull(statement, ++index);
        return this;
    }

    Binder nullOf(int sqlType) throws SQLException {
        statement.setNull(++index, sqlType);
        return this;
    }
}
