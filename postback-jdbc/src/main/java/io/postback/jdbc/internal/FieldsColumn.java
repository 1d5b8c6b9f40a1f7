package io.postback.jdbc.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.postback.model.LeadFields;
import io.postback.spi.StoreException;
import java.util.Map;
import java.util.Optional;

/**
 * A lead's fields (rules §11) in one text column: a JSON object of strings, NULL when there are
 * none, so that a database's own JSON functions can read them.
 */
final class FieldsColumn {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> FIELDS = new TypeReference<>() { };

    private FieldsColumn() {
    }

    static Optional<String> encode(Map<String, String> fields) {
        if (fields.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.writeValueAsString(fields));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("lead fields could not be written as JSON", e);
        }
    }

    static Map<String, String> decode(Optional<String> column) {
        if (column.isEmpty()) {
            return Map.of();
        }
        try {
            return LeadFields.sorted(JSON.readValue(column.get(), FIELDS));
        } catch (JsonProcessingException e) {
            // The message only: the column's text is the lead's data.
            throw new StoreException("a lead's fields column holds text that is not a JSON object of strings");
        }
    }
}
