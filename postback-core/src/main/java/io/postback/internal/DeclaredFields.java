package io.postback.internal;

import io.postback.model.ErrorCode;
import io.postback.model.LeadFields;
import io.postback.model.Offer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The offer's declared fields a postback carries (rules §11), checked as known parameters are
 * (rules §1.5, §1.9): an empty value is absent, the same field twice with different values is
 * {@code param}, and so is a value with a control character, an unsubstituted macro or over
 * {@value LeadFields#MAX_VALUE} characters. Other unknown parameters stay in the journal only.
 */
final class DeclaredFields {

    private DeclaredFields() {
    }

    static Map<String, String> of(ReceivedParams received, Offer offer) throws Rejection {
        List<String> declared = offer.fields();
        if (declared.isEmpty()) {
            return Map.of();
        }
        Map<String, String> sent = new HashMap<>();
        for (int i = 0; i < received.size(); i++) {
            String name = received.name(i);
            if (!declared.contains(name)) {
                continue;
            }
            String value = received.value(i);
            String previous = sent.putIfAbsent(name, value);
            if (previous != null && !previous.equals(value)) {
                throw new Rejection(ErrorCode.PARAM, "parameter '" + name + "' is repeated with different values");
            }
        }
        Map<String, String> fields = new HashMap<>();
        for (String name : declared) { // in the declared order: a postback with two faults is answered the first
            String value = sent.get(name);
            if (value == null || value.isEmpty()) {
                continue;
            }
            ParamValidator.rejectMacro(name, value);
            fields.put(name, ParamValidator.printable(name, value, LeadFields.MAX_VALUE));
        }
        return LeadFields.sorted(fields);
    }
}
