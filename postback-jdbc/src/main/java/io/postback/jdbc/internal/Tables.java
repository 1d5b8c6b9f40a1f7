package io.postback.jdbc.internal;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The table a statement is about, read from its SQL: the first {@code pb_} table it names after INTO, FROM, UPDATE or JOIN. */
final class Tables {

    private static final Pattern TABLE = Pattern.compile("(?i)\\b(?:INTO|FROM|UPDATE|JOIN)\\s+(pb_[a-z_]+)");

    private Tables() {
    }

    static Optional<String> of(String sql) {
        Matcher m = TABLE.matcher(sql);
        return m.find() ? Optional.of(m.group(1).toLowerCase(java.util.Locale.ROOT)) : Optional.empty();
    }
}
