package io.postback.jdbc.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.postback.model.Action;
import io.postback.model.ErrorCode;
import io.postback.model.JournalEntry;
import io.postback.model.Outcome;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The columns of {@code pb_journal}. Parameters are kept as JSON text: JSON escapes NUL and every
 * control character, which a PostgreSQL text column could not hold raw. {@code replay_key} is
 * {@code replay_of} for a replay that was not rejected, so {@code replayed} is one index probe.
 */
final class JournalTable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, List<String>>> PARAMS = new TypeReference<>() {
    };

    static final String COLUMNS = "(received_at, postback_action, params, offer_id, site_id, lead_id, outcome, error_code, "
            + "message, remote_address, replay_of, replay_key, postback_id)";
    static final String VALUES = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    static final String SELECT = "SELECT id, received_at, postback_action, params, offer_id, site_id, lead_id, outcome, "
            + "error_code, message, remote_address, replay_of, postback_id FROM pb_journal";
    static final String INSERT = "INSERT INTO pb_journal " + COLUMNS + " VALUES " + VALUES;
    static final String BY_POSTBACK_ID = SELECT + " WHERE postback_id = ?";

    private JournalTable() {
    }

    /** The values of an insert whose lead id is the SQL expression {@code leadId} instead of a parameter. */
    static String selectWithLead(String leadId) {
        return "SELECT ?, ?, ?, ?, ?, " + leadId + ", ?, ?, ?, ?, ?, ?, ?";
    }

    static JournalEntry normalized(JournalEntry entry) {
        return new JournalEntry(entry.id(), entry.postbackId(), Timestamps.micros(entry.receivedAt()), entry.action(), entry.params(), entry.offerId(),
                entry.siteId(), entry.leadId(), entry.outcome(), entry.error(), entry.message(), entry.remoteAddress(),
                entry.replayOf());
    }

    /** Binds all columns, the lead id too unless {@code leadFromQuery}. */
    static void bind(Binder b, JournalEntry e, boolean leadFromQuery) throws SQLException {
        b.instant(e.receivedAt()).string(e.action().wireName()).string(json(e.params())).number(e.offerId()).number(e.siteId());
        if (!leadFromQuery) {
            b.number(e.leadId());
        }
        boolean applied = e.replayOf().isPresent() && e.outcome() != Outcome.REJECTED;
        b.string(e.outcome().wireName()).string(e.error().map(ErrorCode::wireName)).string(e.message())
                .string(e.remoteAddress()).number(e.replayOf()).number(applied ? e.replayOf() : OptionalLong.empty())
                .string(e.postbackId());
    }

    /** Reads a row of {@link #SELECT}. */
    static JournalEntry read(Row row) throws SQLException {
        Instant receivedAt = row.instant(2);
        Optional<ErrorCode> error = row.optionalString(9).map(code -> ErrorCode.valueOf(code.toUpperCase(Locale.ROOT)));
        long id = row.number(1);
        // Entries journaled before schema version 2 have no postback id: their row id stands in for it.
        String postbackId = Objects.requireNonNullElse(row.string(13), "journal-" + id);
        return new JournalEntry(id, postbackId, receivedAt, Action.valueOf(row.string(3).toUpperCase(Locale.ROOT)),
                params(row.string(4)), row.optionalNumber(5), row.optionalNumber(6), row.optionalNumber(7),
                Outcome.valueOf(row.string(8).toUpperCase(Locale.ROOT)), error, row.string(10),
                row.optionalString(11), row.optionalNumber(12));
    }

    private static String json(Map<String, List<String>> params) throws SQLException {
        try {
            return JSON.writeValueAsString(params);
        } catch (JsonProcessingException e) {
            throw new SQLException("journal parameters could not be written as JSON", "22000", e);
        }
    }

    private static Map<String, List<String>> params(String json) throws SQLException {
        try {
            return JSON.readValue(json, PARAMS);
        } catch (JsonProcessingException e) {
            throw new SQLException("journal parameters are not valid JSON", "22000", e);
        }
    }
}
