package io.postback.jdbc.internal;

import io.postback.memory.NetworkRulesJson;
import io.postback.model.Cap;
import io.postback.model.Repeat;
import io.postback.model.Rule;
import java.sql.SQLException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * The catalog columns of the network rules: a goal's {@code repeat_mode} (rules §12) and
 * {@code hold_period} (rules §13, ISO-8601), an offer's {@code caps} and an offer's or site's
 * {@code rules} (rules §14) as the JSON arrays of the catalog document; NULL for none.
 */
final class NetworkRuleColumns {

    private NetworkRuleColumns() {
    }

    static Optional<String> caps(List<Cap> caps) {
        return caps.isEmpty() ? Optional.empty() : Optional.of(NetworkRulesJson.capsJson(caps));
    }

    static Optional<String> rules(List<Rule> rules) {
        return rules.isEmpty() ? Optional.empty() : Optional.of(NetworkRulesJson.rulesJson(rules));
    }

    /**
     * A malformed cap fails the catalog's reading with {@link IllegalArgumentException} naming it.
     *
     * @param owner names the offer in the message ("offer 7")
     */
    static List<Cap> caps(Optional<String> column, String owner) {
        return column.isEmpty() ? List.of() : NetworkRulesJson.caps(column.get(), owner);
    }

    /**
     * A malformed rule fails the catalog's reading with {@link IllegalArgumentException} naming it.
     *
     * @param owner names the offer or site in the message ("site 3")
     */
    static List<Rule> rules(Optional<String> column, String owner) {
        return column.isEmpty() ? List.of() : NetworkRulesJson.rules(column.get(), owner);
    }

    static Optional<Repeat> repeat(Optional<String> column) throws SQLException {
        if (column.isEmpty()) {
            return Optional.empty();
        }
        Optional<Repeat> repeat = Repeat.of(column.get());
        if (repeat.isEmpty()) {
            throw new SQLException("unknown repeat_mode '" + column.get() + "' in the catalog; expected new, ignore or add", "22000");
        }
        return repeat;
    }

    static Optional<Duration> holdPeriod(Optional<String> column) throws SQLException {
        try {
            return column.map(Duration::parse);
        } catch (DateTimeParseException e) {
            throw new SQLException("a hold_period in the catalog is not an ISO-8601 duration: '" + column.get() + "'", "22000", e);
        }
    }
}
