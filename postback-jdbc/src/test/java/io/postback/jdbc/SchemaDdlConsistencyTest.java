package io.postback.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The three DDL folders describe one schema: after every version's file, PostgreSQL, MySQL and H2
 * have the same tables with the same columns, read from the CREATE TABLE and ALTER TABLE ... ADD
 * COLUMN statements as shipped. Types, indexes and constraints may differ per database.
 */
class SchemaDdlConsistencyTest {

    private static final Pattern CREATE = Pattern.compile("(?is)^\\s*CREATE TABLE (?:IF NOT EXISTS )?(\\w+)\\s*\\((.*)\\)[^)]*$");
    private static final Pattern ALTER = Pattern.compile("(?is)^\\s*ALTER TABLE (\\w+)\\s+(.*)$");
    private static final Pattern ADD_COLUMN = Pattern.compile("(?is)^ADD (?:COLUMN )?(?:IF NOT EXISTS )?(\\w+)\\s.*");
    private static final Set<String> NOT_COLUMNS = Set.of("CONSTRAINT", "PRIMARY", "UNIQUE", "KEY", "INDEX", "FOREIGN", "CHECK");

    @Test
    void everyDialectDeclaresTheSameTablesAndColumnsAfterEveryVersion() {
        for (int version = 1; version <= Schema.VERSION; version++) {
            Map<Dialect, Map<String, Set<String>>> schemas = new EnumMap<>(Dialect.class);
            for (Dialect dialect : Dialect.values()) {
                schemas.put(dialect, columnsUpTo(dialect, version));
            }
            Map<String, Set<String>> reference = schemas.get(Dialect.POSTGRESQL);
            for (Dialect dialect : Dialect.values()) {
                Map<String, Set<String>> schema = schemas.get(dialect);
                assertThat(schema.keySet()).as("tables of %s after version %d", dialect, version).isEqualTo(reference.keySet());
                for (String table : reference.keySet()) {
                    assertThat(schema.get(table)).as("columns of %s in %s after version %d", table, dialect, version)
                            .isEqualTo(reference.get(table));
                }
            }
        }
    }

    @Test
    void theParserSeesEveryTableAndTheColumnsLaterVersionsAdd() {
        Map<String, Set<String>> schema = columnsUpTo(Dialect.MYSQL, Schema.VERSION);

        assertThat(schema).containsKeys("pb_lead", "pb_journal", "pb_ledger", "pb_outbox", "pb_seen_signature", "pb_offer",
                "pb_goal", "pb_goal_alias", "pb_site", "pb_site_status_alias", "pb_site_source", "pb_flow", "pb_rate",
                "pb_schema_version", "pb_lead_key", "pb_cap_use", "pb_delivery", "pb_delivery_attempt", "pb_outbound_postback",
                "pb_exchange_rate");
        assertThat(schema.get("pb_lead")).hasSize(32).contains("id", "dedupe_key", "updated_at", "fields", "held_approved_at",
                "release_at", "added_payout", "added_commission", "cap_slots").doesNotContain("pb_lead_dedupe", "pb_lead_release");
        assertThat(schema.get("pb_lead_key")).containsExactlyInAnyOrder("offer_id", "dedupe_key", "lead_id");
        assertThat(schema.get("pb_cap_use")).containsExactlyInAnyOrder("cap_key", "period", "used");
        assertThat(schema.get("pb_outbox")).contains("fields");
        assertThat(schema.get("pb_offer")).contains("fields", "caps", "rules");
        assertThat(schema.get("pb_goal")).contains("repeat_mode", "hold_period");
        assertThat(schema.get("pb_site")).contains("rules");
        assertThat(schema.get("pb_journal")).contains("replay_key", "postback_id");
        assertThat(schema.get("pb_delivery")).containsExactlyInAnyOrder("id", "event_id", "postback_id", "lead_id", "event_trigger",
                "method", "url_template", "macro_values", "created_at", "state", "attempts", "due_at", "lease_owner", "lease_until",
                "last_error");
        assertThat(schema.get("pb_delivery_attempt")).containsExactlyInAnyOrder("id", "delivery_id", "attempted_at", "http_status",
                "error", "took_micros");
        assertThat(schema.get("pb_outbound_postback")).containsExactlyInAnyOrder("id", "offer_id", "goal", "webmaster_id", "flow_id",
                "triggers", "method", "url", "signing_secret");
        assertThat(schema.get("pb_exchange_rate")).containsExactlyInAnyOrder("base", "quote", "valid_from", "rate", "source",
                "loaded_at");
        assertThat(schema.get("pb_seen_signature")).containsExactlyInAnyOrder("digest", "expires_at", "postback_id");
    }

    /** Table name to column names, after the files of versions 1 to {@code version}. */
    private static Map<String, Set<String>> columnsUpTo(Dialect dialect, int version) {
        Map<String, Set<String>> tables = new TreeMap<>();
        for (int v = 1; v <= version; v++) {
            for (String statement : Schema.statements(Schema.ddl(dialect, v))) {
                apply(withoutComments(statement), tables, dialect + " V" + v);
            }
        }
        return tables;
    }

    /** {@code ALTER COLUMN c TYPE t} (PostgreSQL), {@code ALTER COLUMN c SET DATA TYPE t} (H2), {@code MODIFY c t} (MySQL). */
    private static final Pattern RETYPE_COLUMN = Pattern.compile(
            "(?is)(?:ALTER\\s+COLUMN\\s+(\\w+)\\s+(?:SET\\s+DATA\\s+)?TYPE|MODIFY\\s+(?:COLUMN\\s+)?(\\w+))\\s+.*");

    private static void apply(String statement, Map<String, Set<String>> tables, String file) {
        Matcher create = CREATE.matcher(statement);
        Matcher alter = ALTER.matcher(statement);
        if (create.matches()) {
            Set<String> columns = new TreeSet<>();
            for (String definition : topLevelParts(create.group(2))) {
                String first = definition.split("\\s+")[0];
                if (!NOT_COLUMNS.contains(first.toUpperCase(Locale.ROOT))) {
                    columns.add(first.toLowerCase(Locale.ROOT));
                }
            }
            tables.put(create.group(1).toLowerCase(Locale.ROOT), columns);
        } else if (alter.matches()) {
            String table = alter.group(1).toLowerCase(Locale.ROOT);
            for (String clause : topLevelParts(alter.group(2))) {
                addColumn(tables, table, clause, file);
            }
        }
    }

    /**
     * An ADD COLUMN adds to the table; an added index or key changes no column, nor does a changed
     * type of a column the table has; anything else the test does not know.
     */
    private static void addColumn(Map<String, Set<String>> tables, String table, String clause, String file) {
        Matcher column = ADD_COLUMN.matcher(clause);
        String[] words = clause.split("\\s+");
        if (words.length > 1 && words[0].equalsIgnoreCase("ADD") && NOT_COLUMNS.contains(words[1].toUpperCase(Locale.ROOT))) {
            return;
        }
        Matcher retyped = RETYPE_COLUMN.matcher(clause);
        if (retyped.matches() && tables.containsKey(table)) {
            String name = retyped.group(1) != null ? retyped.group(1) : retyped.group(2);
            if (!tables.get(table).contains(name.toLowerCase(Locale.ROOT))) {
                fail("%s: a changed type of a column the table does not have: %s", file, clause);
            }
            return;
        }
        if (!column.matches() || !tables.containsKey(table)) {
            fail("%s: an ALTER TABLE this test does not understand: %s", file, clause);
        }
        tables.get(table).add(column.group(1).toLowerCase(Locale.ROOT));
    }

    /** The comma-separated parts of a list, not split inside parentheses ({@code NUMERIC(24, 8)}). */
    private static List<String> topLevelParts(String list) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        StringBuilder part = new StringBuilder();
        for (char c : list.toCharArray()) {
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (c == ',' && depth == 0) {
                parts.add(part.toString().strip());
                part.setLength(0);
            } else {
                part.append(c);
            }
        }
        parts.add(part.toString().strip());
        parts.removeIf(String::isEmpty);
        return parts;
    }

    private static String withoutComments(String statement) {
        return statement.replaceAll("--[^\n]*", "");
    }
}
