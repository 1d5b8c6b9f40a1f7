package io.postback.jdbc.internal;

import io.postback.memory.InMemoryOfferCatalog;
import io.postback.spi.Deadline;
import io.postback.model.Flow;
import io.postback.model.Goal;
import io.postback.model.Offer;
import io.postback.model.Site;
import io.postback.model.Status;
import io.postback.model.WebmasterRate;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads the catalog tables into an {@link InMemoryOfferCatalog}; plain SQL that every dialect speaks. */
public final class CatalogTables {

    private final JdbcRunner runner;

    public CatalogTables(JdbcRunner runner) {
        this.runner = runner;
    }

    /** The whole catalog, read on one connection in one (read-only, rolled back) transaction. */
    public InMemoryOfferCatalog load() {
        return runner.inTransaction("reading the catalog", Deadline.none(), session -> {
            session.rollbackOnly();
            Connection connection = session.connection();
            InMemoryOfferCatalog.Builder catalog = InMemoryOfferCatalog.builder();
            offers(connection).forEach(catalog::offer);
            sites(connection).forEach(catalog::site);
            query(connection, "SELECT id, code, offer_id, webmaster_id FROM pb_flow",
                    rs -> catalog.flow(new Flow(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4))));
            query(connection, "SELECT offer_id, goal_id, subject_kind, subject_id, rate_kind, rate_value FROM pb_rate", rs -> {
                WebmasterRate rate = rate(rs.getString(5), rs.getBigDecimal(6));
                if (CatalogWriter.FLOW.equals(rs.getString(3))) {
                    catalog.flowRate(rs.getLong(1), rs.getString(2), rs.getLong(4), rate);
                } else {
                    catalog.webmasterRate(rs.getLong(1), rs.getString(2), rs.getLong(4), rate);
                }
            });
            return catalog.build();
        });
    }

    private static List<Offer> offers(Connection connection) throws SQLException {
        Map<String, Set<String>> aliases = new HashMap<>();
        query(connection, "SELECT offer_id, goal_id, alias FROM pb_goal_alias",
                rs -> aliases.computeIfAbsent(rs.getLong(1) + "/" + rs.getString(2), k -> new HashSet<>()).add(rs.getString(3)));
        Map<Long, List<Goal>> goals = new HashMap<>();
        query(connection, "SELECT offer_id, goal_id, payout, rate_kind, rate_value FROM pb_goal ORDER BY offer_id, goal_order", rs -> {
            String id = rs.getString(2);
            goals.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new Goal(id,
                    aliases.getOrDefault(rs.getLong(1) + "/" + id, Set.of()), plain(rs.getBigDecimal(3)),
                    rate(rs.getString(4), rs.getBigDecimal(5))));
        });
        List<Offer> offers = new ArrayList<>();
        query(connection, "SELECT id, name, currency, default_goal FROM pb_offer", rs -> offers.add(new Offer(rs.getLong(1),
                rs.getString(2), Currency.getInstance(rs.getString(3).trim()), goals.getOrDefault(rs.getLong(1), List.of()),
                rs.getString(4))));
        return offers;
    }

    private static List<Site> sites(Connection connection) throws SQLException {
        Map<Long, Map<String, Status>> aliases = new HashMap<>();
        query(connection, "SELECT site_id, word, status FROM pb_site_status_alias",
                rs -> aliases.computeIfAbsent(rs.getLong(1), k -> new HashMap<>()).put(rs.getString(2), Status.fromWireName(rs.getString(3))));
        Map<Long, List<String>> sources = new LinkedHashMap<>();
        query(connection, "SELECT site_id, source FROM pb_site_source ORDER BY site_id, source_order",
                rs -> sources.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2)));
        List<Site> sites = new ArrayList<>();
        query(connection, "SELECT id, offer_id, site_key, signing_secret FROM pb_site", rs -> sites.add(new Site(rs.getLong(1),
                rs.getLong(2), rs.getString(3), aliases.getOrDefault(rs.getLong(1), Map.of()),
                Optional.ofNullable(rs.getString(4)), sources.getOrDefault(rs.getLong(1), List.of()))));
        return sites;
    }

    static WebmasterRate rate(String kind, BigDecimal value) throws SQLException {
        if (CatalogWriter.FIXED.equals(kind)) {
            return new WebmasterRate.Fixed(plain(value));
        }
        if (CatalogWriter.REVSHARE.equals(kind)) {
            return new WebmasterRate.RevShare(plain(value));
        }
        throw new SQLException("unknown commission kind '" + kind + "' in the catalog; expected fixed or revshare", "22000");
    }

    /** {@code 10.00000000} as {@code 10}: the value as it was most likely written. */
    private static BigDecimal plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    @FunctionalInterface
    interface RowConsumer {
        void accept(ResultSet rs) throws SQLException;
    }

    private static void query(Connection connection, String sql, RowConsumer consumer) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                consumer.accept(rs);
            }
        }
    }

}
