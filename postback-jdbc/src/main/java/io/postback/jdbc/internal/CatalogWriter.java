package io.postback.jdbc.internal;

import io.postback.memory.InMemoryOfferCatalog;
import io.postback.spi.Deadline;
import io.postback.model.Goal;
import io.postback.model.Offer;
import io.postback.model.Site;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Replaces the catalog tables' contents with a catalog, in one transaction. Sites and outbound
 * postbacks are inserted one by one, never batched: a driver's batch error message may quote the
 * bound values, and a site's key and signing secrets must never reach a log.
 */
public final class CatalogWriter {

    private static final List<String> TABLES = List.of("pb_outbound_postback", "pb_rate", "pb_flow", "pb_site_source", "pb_site_status_alias",
            "pb_site", "pb_goal_alias", "pb_goal", "pb_offer");

    /** A goal of an offer, in the offer's order. */
    private record OfferGoal(long offerId, Goal goal, int order) {
    }

    /** An alias of a goal of an offer. */
    private record GoalAlias(long offerId, String goalId, String alias) {
    }

    private final JdbcRunner runner;

    public CatalogWriter(JdbcRunner runner) {
        this.runner = runner;
    }

    public void replaceWith(InMemoryOfferCatalog catalog) {
        runner.inTransaction("writing the catalog", Deadline.none(), session -> {
            for (String table : TABLES) {
                session.update("DELETE FROM " + table, Parameters.NONE);
            }
            writeOffers(session, catalog.offers());
            for (Site site : catalog.sites()) {
                writeSite(session, site);
            }
            session.batch("INSERT INTO pb_flow (id, code, offer_id, webmaster_id) VALUES (?, ?, ?, ?)", catalog.flows(),
                    (b, flow) -> b.number(flow.id()).string(flow.code()).number(flow.offerId()).number(flow.webmasterId()));
            session.batch(IndividualRate.INSERT, IndividualRate.of(catalog), (b, rate) -> rate.bind(b));
            session.updateEach(OutboundPostbackTable.INSERT, catalog.outboundPostbacks(), OutboundPostbackTable::bind);
            return null;
        });
    }

    private static void writeOffers(Session session, List<Offer> offers) throws SQLException {
        List<OfferGoal> goals = new ArrayList<>();
        List<GoalAlias> aliases = new ArrayList<>();
        for (Offer offer : offers) {
            int order = 0;
            for (Goal goal : offer.goals()) {
                goals.add(new OfferGoal(offer.id(), goal, order++));
                goal.aliases().forEach(alias -> aliases.add(new GoalAlias(offer.id(), goal.id(), alias)));
            }
        }
        session.batch("INSERT INTO pb_offer (id, name, currency, default_goal, fields, caps, rules) VALUES (?, ?, ?, ?, ?, ?, ?)",
                offers, (b, o) -> b.number(o.id()).string(o.name()).string(o.currency().getCurrencyCode()).string(o.defaultGoal())
                        .string(o.fields().isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(String.join(",", o.fields())))
                        .string(NetworkRuleColumns.caps(o.caps())).string(NetworkRuleColumns.rules(o.rules())));
        session.batch("INSERT INTO pb_goal (offer_id, goal_id, goal_order, payout, rate_kind, rate_value, repeat_mode, hold_period) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", goals, (b, g) -> b.number(g.offerId()).string(g.goal().id()).integer(g.order())
                        .decimal(g.goal().payout()).string(RateColumns.kind(g.goal().rate())).decimal(RateColumns.value(g.goal().rate()))
                        .string(g.goal().repeat().map(io.postback.model.Repeat::wireName))
                        .string(g.goal().holdPeriod().map(java.time.Duration::toString)));
        session.batch("INSERT INTO pb_goal_alias (offer_id, goal_id, alias) VALUES (?, ?, ?)", aliases,
                (b, a) -> b.number(a.offerId()).string(a.goalId()).string(a.alias()));
    }

    /** A site and its lists, one row at a time. */
    private static void writeSite(Session session, Site site) throws SQLException {
        session.update("INSERT INTO pb_site (id, offer_id, site_key, signing_secret, rules) VALUES (?, ?, ?, ?, ?)",
                b -> b.number(site.id()).number(site.offerId()).string(site.key()).string(site.signingSecret())
                        .string(NetworkRuleColumns.rules(site.rules())));
        session.updateEach("INSERT INTO pb_site_status_alias (site_id, word, status) VALUES (?, ?, ?)", site.statusAliases().entrySet(),
                (b, alias) -> b.number(site.id()).string(alias.getKey()).string(alias.getValue().wireName()));
        List<String> sources = List.copyOf(new LinkedHashSet<>(site.allowedSources()));
        session.updateEach("INSERT INTO pb_site_source (site_id, source, source_order) VALUES (?, ?, ?)",
                IntStream.range(0, sources.size()).boxed().toList(), (b, i) -> b.number(site.id()).string(sources.get(i)).integer(i));
    }
}
