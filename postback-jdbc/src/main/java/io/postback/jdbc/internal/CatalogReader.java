package io.postback.jdbc.internal;

import io.postback.memory.InMemoryOfferCatalog;
import io.postback.spi.Deadline;
import io.postback.model.Flow;
import io.postback.model.Goal;
import io.postback.model.Offer;
import io.postback.model.Site;
import io.postback.model.Status;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads the catalog tables into an {@link InMemoryOfferCatalog}; plain SQL that every dialect speaks. */
public final class CatalogReader {

    private static final String GOAL_ALIASES = "SELECT offer_id, goal_id, alias FROM pb_goal_alias";
    private static final String GOALS = "SELECT offer_id, goal_id, payout, rate_kind, rate_value, repeat_mode, hold_period "
            + "FROM pb_goal ORDER BY offer_id, goal_order";
    private static final String OFFERS = "SELECT id, name, currency, default_goal, fields, caps, rules FROM pb_offer";
    private static final String STATUS_ALIASES = "SELECT site_id, word, status FROM pb_site_status_alias";
    private static final String SOURCES = "SELECT site_id, source FROM pb_site_source ORDER BY site_id, source_order";
    private static final String SITES = "SELECT id, offer_id, site_key, signing_secret, rules FROM pb_site";
    private static final String FLOWS = "SELECT id, code, offer_id, webmaster_id FROM pb_flow";

    /** A row keyed by an owner's id (an offer's, a site's) or by an offer's goal. */
    private record Keyed<K, V>(K key, V value) {
    }

    private final JdbcRunner runner;

    public CatalogReader(JdbcRunner runner) {
        this.runner = runner;
    }

    /** The whole catalog, read on one connection in one (read-only, rolled back) transaction. */
    public InMemoryOfferCatalog load() {
        return runner.inTransaction("reading the catalog", Deadline.none(), session -> {
            session.rollbackOnly();
            InMemoryOfferCatalog.Builder catalog = InMemoryOfferCatalog.builder();
            List<Offer> offers = offers(session);
            offers.forEach(catalog::offer);
            OutboundPostbackTable.read(session, offers).forEach(catalog::outboundPostback);
            sites(session).forEach(catalog::site);
            session.query(FLOWS, Parameters.NONE, row -> new Flow(row.number(1), row.string(2), row.number(3), row.number(4)))
                    .forEach(catalog::flow);
            for (IndividualRate rate : session.query(IndividualRate.SELECT, Parameters.NONE, IndividualRate::read)) {
                rate.addTo(catalog);
            }
            return catalog.build();
        });
    }

    private static List<Offer> offers(Session session) throws SQLException {
        Map<String, Set<String>> aliases = new HashMap<>();
        for (Keyed<String, String> alias : session.query(GOAL_ALIASES, Parameters.NONE,
                row -> new Keyed<>(row.number(1) + "/" + row.string(2), row.string(3)))) {
            aliases.computeIfAbsent(alias.key(), k -> new HashSet<>()).add(alias.value());
        }
        Map<Long, List<Goal>> goals = new HashMap<>();
        for (Keyed<Long, Goal> goal : session.query(GOALS, Parameters.NONE, row -> new Keyed<>(row.number(1),
                new Goal(row.string(2), aliases.getOrDefault(row.number(1) + "/" + row.string(2), Set.of()),
                        RateColumns.plain(row.decimal(3)), RateColumns.rate(row.string(4), row.decimal(5)),
                        NetworkRuleColumns.repeat(row.optionalString(6)), NetworkRuleColumns.holdPeriod(row.optionalString(7)))))) {
            goals.computeIfAbsent(goal.key(), k -> new ArrayList<>()).add(goal.value());
        }
        return session.query(OFFERS, Parameters.NONE, row -> new Offer(row.number(1), row.string(2),
                Currency.getInstance(row.string(3).trim()), goals.getOrDefault(row.number(1), List.of()), row.string(4),
                fieldNames(row.optionalString(5)), NetworkRuleColumns.caps(row.optionalString(6), "offer " + row.number(1)),
                NetworkRuleColumns.rules(row.optionalString(7), "offer " + row.number(1))));
    }

    /** The declared fields of an offer (rules §11), comma-separated: no field name holds a comma. */
    private static List<String> fieldNames(java.util.Optional<String> column) {
        return column.filter(names -> !names.isEmpty()).map(names -> List.of(names.split(","))).orElse(List.of());
    }

    private static List<Site> sites(Session session) throws SQLException {
        Map<Long, Map<String, Status>> aliases = new HashMap<>();
        for (Keyed<Long, Map.Entry<String, Status>> alias : session.query(STATUS_ALIASES, Parameters.NONE,
                row -> new Keyed<>(row.number(1), Map.entry(row.string(2), Status.fromWireName(row.string(3)))))) {
            aliases.computeIfAbsent(alias.key(), k -> new HashMap<>()).put(alias.value().getKey(), alias.value().getValue());
        }
        Map<Long, List<String>> sources = new LinkedHashMap<>();
        for (Keyed<Long, String> source : session.query(SOURCES, Parameters.NONE, row -> new Keyed<>(row.number(1), row.string(2)))) {
            sources.computeIfAbsent(source.key(), k -> new ArrayList<>()).add(source.value());
        }
        return session.query(SITES, Parameters.NONE, row -> new Site(row.number(1), row.number(2), row.string(3),
                aliases.getOrDefault(row.number(1), Map.of()), row.optionalString(4), sources.getOrDefault(row.number(1), List.of()),
                NetworkRuleColumns.rules(row.optionalString(5), "site " + row.number(1))));
    }
}
