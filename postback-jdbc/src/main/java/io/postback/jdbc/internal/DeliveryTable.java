package io.postback.jdbc.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.postback.model.OutboundPostback;
import io.postback.spi.Delivery;
import io.postback.spi.DeliveryAttempt;
import io.postback.spi.QueuedDelivery;
import io.postback.spi.StoreException;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The columns of {@code pb_delivery} and {@code pb_delivery_attempt} (rules §15). Macro values are
 * a JSON object of strings: JSON escapes NUL and every control character a click may hold. States
 * and triggers are stored by their lower-case names.
 */
final class DeliveryTable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> VALUES = new TypeReference<>() { };

    static final String PENDING = "pending";
    static final String INSERT = "INSERT INTO pb_delivery (lead_id, event_id, postback_id, event_trigger, method, url_template, "
            + "macro_values, created_at, due_at, state, attempts)";
    /** One row: the lead, {@link #bindBody the delivery}, due at its creation, pending, no attempts yet. */
    static final String TUPLE = "(?, ?, ?, ?, ?, ?, ?, ?, ?, '" + PENDING + "', 0)";
    static final String COLUMNS = "id, event_id, postback_id, lead_id, event_trigger, method, url_template, macro_values, "
            + "created_at, state, attempts, due_at, last_error";
    static final String SELECT = "SELECT " + COLUMNS + " FROM pb_delivery";
    /** A pending delivery due at the first {@code ?} whose lease (if any) has passed at the second. */
    static final String CLAIMABLE = "state = '" + PENDING + "' AND due_at <= ? AND (lease_until IS NULL OR lease_until <= ?)";
    /** Leases rows to a node ({@code ?}) until an instant ({@code ?}); the caller adds which rows. */
    static final String LEASE = "UPDATE pb_delivery SET lease_owner = ?, lease_until = ?";
    static final String ATTEMPT_INSERT = "INSERT INTO pb_delivery_attempt (delivery_id, attempted_at, http_status, error, "
            + "took_micros) VALUES (?, ?, ?, ?, ?)";
    static final String ATTEMPTS = "SELECT attempted_at, http_status, error, took_micros FROM pb_delivery_attempt "
            + "WHERE delivery_id = ? ORDER BY id";

    private DeliveryTable() {
    }

    /** The rows of a lead change's deliveries, {@code deliveries.size()} times {@link #TUPLE}. */
    static void bind(Binder b, long leadId, List<Delivery> deliveries) throws SQLException {
        for (Delivery d : deliveries) {
            b.number(leadId);
            bindBody(b, d);
            b.instant(d.createdAt());
        }
    }

    /** Everything of a delivery but its id and lead: event id, postback, trigger, method, template, values, created at. */
    static void bindBody(Binder b, Delivery d) throws SQLException {
        b.string(d.eventId()).number(d.postbackId()).string(d.trigger().wireName()).string(d.method().name())
                .string(d.urlTemplate()).string(encode(d.values())).instant(d.createdAt());
    }

    /** Reads the first columns of a row of {@link #SELECT}. */
    static Delivery read(Row row) throws SQLException {
        return new Delivery(row.number(1), row.string(2), row.number(3), row.number(4), trigger(row.string(5)),
                method(row.string(6)), row.string(7), decode(row.string(8)), row.instant(9));
    }

    /** Reads a whole row of {@link #SELECT}. */
    static QueuedDelivery readQueued(Row row) throws SQLException {
        QueuedDelivery.State state = state(row.string(10));
        return new QueuedDelivery(read(row), state, (int) row.number(11),
                state == QueuedDelivery.State.PENDING ? row.optionalInstant(12) : Optional.empty(), row.optionalString(13));
    }

    static String stateName(QueuedDelivery.State state) {
        return state.name().toLowerCase(Locale.ROOT);
    }

    /** The attempt's row after its delivery id: when, HTTP status or NULL, error or NULL, duration. */
    static void bindAttempt(Binder b, long deliveryId, DeliveryAttempt attempt) throws SQLException {
        b.number(deliveryId).instant(attempt.at());
        if (attempt.httpStatus().isPresent()) {
            b.integer(attempt.httpStatus().getAsInt());
        } else {
            b.nullOf(Types.INTEGER);
        }
        b.string(attempt.error()).number(micros(attempt.took()));
    }

    /** Reads a row of {@link #ATTEMPTS}. */
    static DeliveryAttempt readAttempt(Row row) throws SQLException {
        OptionalLong status = row.optionalNumber(2);
        OptionalInt httpStatus = status.isPresent() ? OptionalInt.of((int) status.getAsLong()) : OptionalInt.empty();
        return new DeliveryAttempt(row.instant(1), httpStatus, row.optionalString(3), Duration.of(row.number(4), ChronoUnit.MICROS));
    }

    /** What a page shows of an attempt: "HTTP 503" or the error. */
    static String lastError(DeliveryAttempt attempt) {
        return attempt.httpStatus().isPresent() ? "HTTP " + attempt.httpStatus().getAsInt() : attempt.error().orElseThrow();
    }

    /** A duration at the store's precision, microseconds. */
    static long micros(Duration duration) {
        return duration.toNanos() / 1000;
    }

    private static OutboundPostback.Trigger trigger(String column) throws SQLException {
        for (OutboundPostback.Trigger t : OutboundPostback.Trigger.values()) {
            if (t.wireName().equals(column)) {
                return t;
            }
        }
        throw new SQLException("unknown event_trigger '" + column + "' in pb_delivery", "22000");
    }

    private static OutboundPostback.Method method(String column) throws SQLException {
        try {
            return OutboundPostback.Method.valueOf(column);
        } catch (IllegalArgumentException e) {
            throw new SQLException("unknown method '" + column + "' in pb_delivery", "22000", e);
        }
    }

    private static QueuedDelivery.State state(String column) throws SQLException {
        for (QueuedDelivery.State s : QueuedDelivery.State.values()) {
            if (stateName(s).equals(column)) {
                return s;
            }
        }
        throw new SQLException("unknown state '" + column + "' in pb_delivery", "22000");
    }

    private static String encode(Map<String, String> values) {
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("macro values could not be written as JSON", e);
        }
    }

    private static Map<String, String> decode(String column) {
        try {
            return JSON.readValue(column, VALUES);
        } catch (JsonProcessingException e) {
            // The message only: the column's text is the lead's data.
            throw new StoreException("a delivery's macro_values column holds text that is not a JSON object of strings");
        }
    }
}
