package io.postback.jdbc.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.postback.model.CapSlot;
import io.postback.spi.StoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The cap slots a lead holds (rules §14) in one text column: a JSON array of {@code [cap, period]}
 * pairs, in the lead's order, NULL when it holds none. JSON, because cap keys hold '|' and goal ids.
 */
final class CapSlotsColumn {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<List<String>>> PAIRS = new TypeReference<>() { };

    private CapSlotsColumn() {
    }

    static Optional<String> encode(List<CapSlot> slots) {
        if (slots.isEmpty()) {
            return Optional.empty();
        }
        List<List<String>> pairs = new ArrayList<>(slots.size());
        for (CapSlot slot : slots) {
            pairs.add(List.of(slot.cap(), slot.period()));
        }
        try {
            return Optional.of(JSON.writeValueAsString(pairs));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cap slots could not be written as JSON", e);
        }
    }

    static List<CapSlot> decode(Optional<String> column) {
        if (column.isEmpty()) {
            return List.of();
        }
        try {
            List<CapSlot> slots = new ArrayList<>();
            for (List<String> pair : JSON.readValue(column.get(), PAIRS)) {
                if (pair.size() != 2) {
                    throw new StoreException("a lead's cap_slots column holds a slot that is not a [cap, period] pair");
                }
                slots.add(new CapSlot(pair.get(0), pair.get(1)));
            }
            return slots;
        } catch (JsonProcessingException e) {
            throw new StoreException("a lead's cap_slots column holds text that is not a JSON array of [cap, period] pairs");
        }
    }
}
