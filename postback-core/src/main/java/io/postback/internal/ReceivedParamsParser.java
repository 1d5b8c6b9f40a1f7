package io.postback.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.postback.model.ErrorCode;
import java.io.IOException;
import java.util.Map;

/** Reads raw parameters from the four shapes of rules §1, within the limits of rules §9.11. */
public final class ReceivedParamsParser {

    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(ReceivedParams.MAX_BYTES)
                    .maxNestingDepth(2)
                    .maxNumberLength(64)
                    .build())
            .build();

    private ReceivedParamsParser() {
    }

    /** A query string or a form body: {@code a=1&b=2}, percent-encoded as UTF-8. */
    public static ReceivedParams fromUrlEncoded(String encoded) {
        if (encoded == null || encoded.isEmpty()) {
            return new ReceivedParams.Builder().build();
        }
        if (encoded.length() > ReceivedParams.MAX_BYTES) {
            return ReceivedParams.failed(tooLarge());
        }
        try {
            ReceivedParams.Builder params = new ReceivedParams.Builder();
            int length = encoded.length();
            int start = encoded.charAt(0) == '?' ? 1 : 0;
            while (start < length) {
                int end = encoded.indexOf('&', start);
                if (end < 0) {
                    end = length;
                }
                if (end > start) {
                    int eq = encoded.indexOf('=', start);
                    if (eq < 0 || eq > end) {
                        eq = end;
                    }
                    String name = PercentDecoder.decode(encoded, start, eq);
                    String value = eq < end ? PercentDecoder.decode(encoded, eq + 1, end) : "";
                    params.add(name, value);
                }
                start = end + 1;
            }
            return params.build();
        } catch (Rejection r) {
            return ReceivedParams.failed(r);
        }
    }

    /** A form body as bytes: percent-encoded, and any raw non-ASCII byte must be valid UTF-8. */
    public static ReceivedParams fromUrlEncoded(byte[] body) {
        if (body.length > ReceivedParams.MAX_BYTES) {
            return ReceivedParams.failed(tooLarge());
        }
        try {
            return fromUrlEncoded(PercentDecoder.strictUtf8(body, body.length));
        } catch (Rejection r) {
            return ReceivedParams.failed(r);
        }
    }

    /** A servlet-style parameter map whose values the container already decoded. */
    public static ReceivedParams fromParameterMap(Map<String, String[]> map) {
        try {
            ReceivedParams.Builder params = new ReceivedParams.Builder();
            long bytes = 0;
            for (Map.Entry<String, String[]> e : map.entrySet()) {
                String name = e.getKey();
                String[] values = e.getValue();
                if (name == null || values == null) {
                    continue;
                }
                for (String value : values) {
                    String v = value == null ? "" : value;
                    bytes += name.length() + v.length() + 2;
                    if (bytes > ReceivedParams.MAX_BYTES) {
                        throw tooLarge();
                    }
                    params.add(name, v);
                }
            }
            return params.build();
        } catch (Rejection r) {
            return ReceivedParams.failed(r);
        }
    }

    /** A flat JSON object; strings, numbers and booleans become values, {@code null} means absent. */
    public static ReceivedParams fromJson(byte[] body) {
        if (body.length > ReceivedParams.MAX_BYTES) {
            return ReceivedParams.failed(tooLarge());
        }
        // Decode strictly first: the JSON parser lets overlong forms and encoded surrogates through.
        String text;
        try {
            text = PercentDecoder.strictUtf8(body, body.length);
        } catch (Rejection r) {
            return ReceivedParams.failed(r);
        }
        try (JsonParser parser = JSON.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new Rejection(ErrorCode.PARAM, "JSON body must be an object");
            }
            ReceivedParams.Builder params = new ReceivedParams.Builder();
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (value) {
                    case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE ->
                            params.add(name, parser.getText());
                    case VALUE_NULL -> { }
                    default -> throw new Rejection(ErrorCode.PARAM,
                            "JSON parameter '" + Messages.safeName(name) + "' must be a string, number or boolean");
                }
            }
            if (token != JsonToken.END_OBJECT || parser.nextToken() != null) {
                throw new Rejection(ErrorCode.PARAM, "JSON body must be one flat object");
            }
            return params.build();
        } catch (Rejection r) {
            return ReceivedParams.failed(r);
        } catch (JsonProcessingException e) {
            return ReceivedParams.failed("JSON body is malformed");
        } catch (IOException e) {
            return ReceivedParams.failed("JSON body could not be read");
        }
    }

    /** Both sets of parameters, failing if either failed or together they exceed the limits. */
    public static ReceivedParams concat(ReceivedParams first, ReceivedParams second) {
        if (first.failure().isPresent()) {
            return first;
        }
        if (second.failure().isPresent()) {
            return second;
        }
        try {
            ReceivedParams.Builder params = new ReceivedParams.Builder();
            long bytes = 0;
            for (ReceivedParams part : new ReceivedParams[] {first, second}) {
                for (int i = 0; i < part.size(); i++) {
                    bytes += part.name(i).length() + part.value(i).length() + 2;
                    if (bytes > ReceivedParams.MAX_BYTES) {
                        throw tooLarge();
                    }
                    params.add(part.name(i), part.value(i));
                }
            }
            return params.build();
        } catch (Rejection r) {
            return ReceivedParams.failed(r);
        }
    }

    private static Rejection tooLarge() {
        return new Rejection(ErrorCode.PARAM, "parameters exceed " + ReceivedParams.MAX_BYTES + " bytes");
    }
}
