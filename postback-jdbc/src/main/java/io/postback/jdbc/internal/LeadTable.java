package io.postback.jdbc.internal;

import io.postback.model.AmountSource;
import io.postback.model.ExchangeRate;
import io.postback.model.Lead;
import io.postback.model.LeadState;
import io.postback.model.Money;
import io.postback.model.Status;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Currency;
import java.util.Optional;

/** The columns of {@code pb_lead}, how a lead is bound to them and read back. */
final class LeadTable {

    private static final String STATE_COLUMNS = "status, goal, payout, payout_currency, payout_source, commission, "
            + "commission_currency, commission_source, conversion_from, conversion_to, conversion_rate, conversion_source, "
            + "conversion_as_of, advertiser_time, lead_comment, updated_at";
    private static final int STATE_COUNT = 16;
    private static final String KEY_COLUMNS = "offer_id, site_id, click, exto, flow_id, webmaster_id, dedupe_key, created_at";
    private static final int KEY_COUNT = 8;

    static final String SELECT = "SELECT id, version, " + KEY_COLUMNS + ", " + STATE_COLUMNS + " FROM pb_lead";
    /** Column list and values of an insert; the first version is 1. */
    static final String INSERT_COLUMNS = "(version, " + KEY_COLUMNS + ", " + STATE_COLUMNS + ")";
    static final String INSERT_VALUES = "(1" + ", ?".repeat(KEY_COUNT + STATE_COUNT) + ")";
    /** The compare-and-set: binds {@link #bindState}, then id and expected version. */
    static final String UPDATE = "UPDATE pb_lead SET version = version + 1, "
            + STATE_COLUMNS.replace(",", " = ?,") + " = ? WHERE id = ? AND version = ?";

    private LeadTable() {
    }

    /** The lead as the store keeps it: instants at microsecond precision. */
    static Lead normalized(Lead lead) {
        LeadState s = lead.state();
        LeadState state = new LeadState(s.status(), s.goal(), s.payout(), s.payoutSource(), s.commission(),
                s.commissionSource(), s.conversion().map(LeadTable::normalized), s.advertiserTime().map(Rows::micros),
                s.comment(), Rows.micros(s.updatedAt()));
        return new Lead(lead.id(), lead.version(), lead.offerId(), lead.siteId(), lead.click(), lead.exto(), lead.flowId(),
                lead.webmasterId(), lead.dedupeKey(), Rows.micros(lead.createdAt()), state);
    }

    private static ExchangeRate normalized(ExchangeRate c) {
        return new ExchangeRate(c.from(), c.to(), c.rate(), c.source(), Rows.micros(c.asOf()));
    }

    static void bindInsert(Binder b, Lead lead) throws SQLException {
        b.number(lead.offerId()).number(lead.siteId()).string(lead.click()).string(lead.exto()).number(lead.flowId())
                .number(lead.webmasterId()).string(lead.dedupeKey()).instant(lead.createdAt());
        bindState(b, lead.state());
    }

    static void bindUpdate(Binder b, Lead lead) throws SQLException {
        bindState(b, lead.state());
        b.number(lead.id()).number(lead.version());
    }

    private static void bindState(Binder b, LeadState s) throws SQLException {
        b.string(s.status().wireName()).string(s.goal())
                .money(s.payout()).string(s.payoutSource().name())
                .money(s.commission()).string(s.commissionSource().name());
        if (s.conversion().isPresent()) {
            ExchangeRate c = s.conversion().get();
            b.string(c.from().getCurrencyCode()).string(c.to().getCurrencyCode()).string(c.rate().toString())
                    .string(c.source()).instant(c.asOf());
        } else {
            b.nullOf(Types.CHAR).nullOf(Types.CHAR).nullOf(Types.VARCHAR).nullOf(Types.VARCHAR).instant(Optional.empty());
        }
        b.instant(s.advertiserTime()).string(s.comment()).instant(s.updatedAt());
    }

    /** Reads a row of {@link #SELECT}. */
    static Lead read(ResultSet rs, SqlDialect dialect) throws SQLException {
        LeadState state = new LeadState(Status.fromWireName(rs.getString(11)), rs.getString(12),
                money(rs, 13), AmountSource.valueOf(rs.getString(15)),
                money(rs, 16), AmountSource.valueOf(rs.getString(18)),
                conversion(rs, 19, dialect), Optional.ofNullable(dialect.getInstant(rs, 24)),
                Rows.optionalString(rs, 25), dialect.getInstant(rs, 26));
        return new Lead(rs.getLong(1), rs.getLong(2), rs.getLong(3), Rows.optionalLong(rs, 4),
                Rows.optionalString(rs, 5), Rows.optionalString(rs, 6), Rows.optionalLong(rs, 7), Rows.optionalLong(rs, 8),
                Rows.optionalString(rs, 9), dialect.getInstant(rs, 10), state);
    }

    static Money money(ResultSet rs, int column) throws SQLException {
        return Money.of(rs.getBigDecimal(column), Currency.getInstance(rs.getString(column + 1).trim()));
    }

    private static Optional<ExchangeRate> conversion(ResultSet rs, int column, SqlDialect dialect) throws SQLException {
        String from = rs.getString(column);
        if (from == null) {
            return Optional.empty();
        }
        return Optional.of(new ExchangeRate(Currency.getInstance(from.trim()), Currency.getInstance(rs.getString(column + 1).trim()),
                new BigDecimal(rs.getString(column + 2)), rs.getString(column + 3), dialect.getInstant(rs, column + 4)));
    }
}
