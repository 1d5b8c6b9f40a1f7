package io.postback.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The extra parameters an offer's leads keep (rules §11): declared per offer, at most
 * {@value #MAX_DECLARED} names of {@code [a-z][a-z0-9_]{0,31}}, none of them a parameter of rules §1;
 * each value 1 to {@value #MAX_VALUE} characters.
 */
public final class LeadFields {

    public static final int MAX_DECLARED = 16;
    public static final int MAX_VALUE = 255;
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,31}");
    /** The parameters of rules §1, which a field may not shadow. */
    private static final Set<String> RESERVED = Set.of("token", "click", "exto", "flow", "code", "status", "sta", "stc",
            "stt", "sth", "stw", "stn", "auto", "goal", "pay", "wm", "cc", "time", "comment", "sig");

    private LeadFields() {
    }

    /**
     * The declared names, checked: fails naming {@code owner} and the faulty name.
     *
     * @param owner what declares them, for the message ("offer 7")
     */
    public static List<String> declared(List<String> names, String owner) {
        List<String> checked = new ArrayList<>(names.size());
        for (String name : names) {
            if (name == null || !NAME.matcher(name).matches()) {
                throw new IllegalArgumentException(owner + ": field name '" + name + "' must match [a-z][a-z0-9_]{0,31}");
            }
            if (RESERVED.contains(name)) {
                throw new IllegalArgumentException(owner + ": field name '" + name + "' is a postback parameter (rules §1)");
            }
            if (checked.contains(name)) {
                throw new IllegalArgumentException(owner + ": field '" + name + "' is declared twice");
            }
            checked.add(name);
        }
        if (checked.size() > MAX_DECLARED) {
            throw new IllegalArgumentException(owner + ": at most " + MAX_DECLARED + " fields, not " + checked.size());
        }
        return List.copyOf(checked);
    }

    /** An immutable copy ordered by name, so that answers and stored text list fields in one order. */
    public static Map<String, String> sorted(Map<String, String> fields) {
        return fields.isEmpty() ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(fields));
    }
}
