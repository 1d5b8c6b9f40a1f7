package io.postback.jdbc.internal;

import io.postback.memory.InMemoryOfferCatalog;
import io.postback.model.Flow;
import io.postback.model.Goal;
import io.postback.model.Offer;
import io.postback.model.WebmasterRate;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/** A row of {@code pb_rate}: the rate of an offer's goal for one flow or for one webmaster. */
record IndividualRate(long offerId, String goalId, String subjectKind, long subjectId, WebmasterRate rate) {

    static final String FLOW = "flow";
    static final String WEBMASTER = "webmaster";
    static final String INSERT = "INSERT INTO pb_rate (offer_id, goal_id, subject_kind, subject_id, rate_kind, rate_value) "
            + "VALUES (?, ?, ?, ?, ?, ?)";
    static final String SELECT = "SELECT offer_id, goal_id, subject_kind, subject_id, rate_kind, rate_value FROM pb_rate";

    /** Reads a row of {@link #SELECT}. */
    static IndividualRate read(Row row) throws SQLException {
        WebmasterRate rate = RateColumns.rate(row.string(5), row.decimal(6));
        return new IndividualRate(row.number(1), row.string(2), row.string(3), row.number(4), rate);
    }

    /** Binds the parameters of {@link #INSERT}. */
    void bind(Binder b) throws SQLException {
        b.number(offerId).string(goalId).string(subjectKind).number(subjectId)
                .string(RateColumns.kind(rate)).decimal(RateColumns.value(rate));
    }

    void addTo(InMemoryOfferCatalog.Builder catalog) {
        if (FLOW.equals(subjectKind)) {
            catalog.flowRate(offerId, goalId, subjectId, rate);
        } else {
            catalog.webmasterRate(offerId, goalId, subjectId, rate);
        }
    }

    /**
     * The in-memory catalog does not list its individual rates, so they are found by asking it
     * for every goal with every flow it knows, and every webmaster of those flows.
     */
    static List<IndividualRate> of(InMemoryOfferCatalog catalog) {
        Set<Long> webmasters = new LinkedHashSet<>();
        catalog.flows().forEach(f -> webmasters.add(f.webmasterId()));
        List<IndividualRate> rates = new ArrayList<>();
        for (Offer offer : catalog.offers()) {
            for (Goal goal : offer.goals()) {
                for (Flow flow : catalog.flows()) {
                    catalog.individualRate(offer, goal, OptionalLong.of(flow.id()), OptionalLong.empty()).ifPresent(
                            rate -> rates.add(new IndividualRate(offer.id(), goal.id(), FLOW, flow.id(), rate)));
                }
                for (long webmaster : webmasters) {
                    catalog.individualRate(offer, goal, OptionalLong.empty(), OptionalLong.of(webmaster)).ifPresent(
                            rate -> rates.add(new IndividualRate(offer.id(), goal.id(), WEBMASTER, webmaster, rate)));
                }
            }
        }
        return rates;
    }
}
