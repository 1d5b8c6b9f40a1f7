package io.postback.jdbc.internal;

import io.postback.memory.InMemoryOfferCatalog;
import io.postback.spi.Deadline;
import io.postback.model.Flow;
import io.postback.model.Goal;
import io.postback.model.Offer;
import io.postback.model.Site;
import io.postback.model.WebmasterRate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Replaces the catalog tables' contents with a catalog, in one transaction. Sites are inserted one
 * by one, never batched: a driver's batch error message may quote the bound values, and a site's
 * key and signing secret must never reach a log.
 */
public final class CatalogWriter {

    static final String FLOW = "flow";
    static final String WEBMASTER = "webmaster";
    static final String FIXED = "fixed";
    static final String REVSHARE = "revshare";
    private static final List<String> TABLES = List.of("pb_rate", "pb_flow", "pb_site_source", "pb_site_status_alias",
            "pb_site", "pb_goal_alias", "pb_goal", "pb_offer");

    private final JdbcRunner runner;

    public CatalogWriter(JdbcRunner runner) {
        this.runner = runner;
    }

    public void replaceWith(InMemoryOfferCatalog catalog) {
        runner.inTransaction("writing the catalog", Deadline.none(), session -> {
            Connection connection = session.connection();
            try (Statement statement = connection.createStatement()) {
                for (String table : TABLES) {
                    statement.executeUpdate("DELETE FROM " + table);
                }
            }
            writeOffers(connection, catalog.offers());
            for (Site site : catalog.sites()) {
                writeSite(connection, site);
            }
            writeFlows(connection, catalog.flows());
            writeRates(connection, catalog);
            return null;
        });
    }

    private static void writeOffers(Connection connection, List<Offer> offers) throws SQLException {
        try (PreparedStatement offer = connection.prepareStatement("INSERT INTO pb_offer (id, name, currency, default_goal) VALUES (?, ?, ?, ?)");
             PreparedStatement goal = connection.prepareStatement(
                     "INSERT INTO pb_goal (offer_id, goal_id, goal_order, payout, rate_kind, rate_value) VALUES (?, ?, ?, ?, ?, ?)");
             PreparedStatement alias = connection.prepareStatement("INSERT INTO pb_goal_alias (offer_id, goal_id, alias) VALUES (?, ?, ?)")) {
            for (Offer o : offers) {
                bind(offer, o.id(), o.name(), o.currency().getCurrencyCode(), o.defaultGoal());
                offer.addBatch();
                int order = 0;
                for (Goal g : o.goals()) {
                    bind(goal, o.id(), g.id(), order++, g.payout(), kind(g.rate()), value(g.rate()));
                    goal.addBatch();
                    for (String a : g.aliases()) {
                        bind(alias, o.id(), g.id(), a);
                        alias.addBatch();
                    }
                }
            }
            offer.executeBatch();
            goal.executeBatch();
            alias.executeBatch();
        }
    }

    private static void writeSite(Connection connection, Site site) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO pb_site (id, offer_id, site_key, signing_secret) VALUES (?, ?, ?, ?)")) {
            bind(statement, site.id(), site.offerId(), site.key(), site.signingSecret().orElse(null));
            statement.executeUpdate();
        }
        try (PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO pb_site_status_alias (site_id, word, status) VALUES (?, ?, ?)")) {
            for (Map.Entry<String, io.postback.model.Status> alias : site.statusAliases().entrySet()) {
                bind(statement, site.id(), alias.getKey(), alias.getValue().wireName());
                statement.executeUpdate();
            }
        }
        try (PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO pb_site_source (site_id, source, source_order) VALUES (?, ?, ?)")) {
            int order = 0;
            for (String source : new LinkedHashSet<>(site.allowedSources())) {
                bind(statement, site.id(), source, order++);
                statement.executeUpdate();
            }
        }
    }

    private static void writeFlows(Connection connection, List<Flow> flows) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO pb_flow (id, code, offer_id, webmaster_id) VALUES (?, ?, ?, ?)")) {
            for (Flow flow : flows) {
                bind(statement, flow.id(), flow.code(), flow.offerId(), flow.webmasterId());
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    /**
     * The in-memory catalog does not list its individual rates, so they are found by asking it
     * for every goal with every flow it knows, and every webmaster of those flows.
     */
    private static void writeRates(Connection connection, InMemoryOfferCatalog catalog) throws SQLException {
        Set<Long> webmasters = new LinkedHashSet<>();
        catalog.flows().forEach(f -> webmasters.add(f.webmasterId()));
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO pb_rate "
                + "(offer_id, goal_id, subject_kind, subject_id, rate_kind, rate_value) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (Offer offer : catalog.offers()) {
                for (Goal goal : offer.goals()) {
                    for (Flow flow : catalog.flows()) {
                        Optional<WebmasterRate> rate = catalog.individualRate(offer, goal, OptionalLong.of(flow.id()), OptionalLong.empty());
                        addRate(statement, offer, goal, FLOW, flow.id(), rate);
                    }
                    for (long webmaster : webmasters) {
                        Optional<WebmasterRate> rate = catalog.individualRate(offer, goal, OptionalLong.empty(), OptionalLong.of(webmaster));
                        addRate(statement, offer, goal, WEBMASTER, webmaster, rate);
                    }
                }
            }
            statement.executeBatch();
        }
    }

    private static void addRate(PreparedStatement statement, Offer offer, Goal goal, String kind, long subject,
                                Optional<WebmasterRate> rate) throws SQLException {
        if (rate.isPresent()) {
            bind(statement, offer.id(), goal.id(), kind, subject, kind(rate.get()), value(rate.get()));
            statement.addBatch();
        }
    }

    private static String kind(WebmasterRate rate) {
        return rate instanceof WebmasterRate.Fixed ? FIXED : REVSHARE;
    }

    private static java.math.BigDecimal value(WebmasterRate rate) {
        return rate instanceof WebmasterRate.Fixed fixed ? fixed.amount() : ((WebmasterRate.RevShare) rate).percent();
    }

    private static void bind(PreparedStatement statement, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                statement.setNull(i + 1, Types.VARCHAR);
            } else {
                statement.setObject(i + 1, values[i]);
            }
        }
    }
}
