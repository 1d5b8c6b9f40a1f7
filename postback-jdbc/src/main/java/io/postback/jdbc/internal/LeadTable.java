package io.postback.jdbc.internal;

import io.postback.model.Added;
import io.postback.model.AmountSource;
import io.postback.model.ExchangeRate;
import io.postback.model.HeldApproval;
import io.postback.model.Lead;
import io.postback.model.LeadState;
import io.postback.model.Money;
import io.postback.model.Status;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Currency;
import java.util.Optional;

/** The columns of {@code pb_lead}, how a lead is bound to them and read back. */
final class LeadTable {

    private static final String STATE_COLUMNS = "status, goal, payout, payout_currency, payout_source, commission, "
            + "commission_currency, commission_source, conversion_from, conversion_to, conversion_rate, conversion_source, "
            + "conversion_as_of, advertiser_time, lead_comment, updated_at, fields, held_approved_at, release_at, added_payout, "
            + "added_commission, cap_slots";
    private static final int STATE_COUNT = 22;
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
                s.commissionSource(), s.conversion().map(LeadTable::normalized), s.advertiserTime().map(Timestamps::micros),
                s.comment(), Timestamps.micros(s.updatedAt()), s.fields(),
                s.held().map(h -> new HeldApproval(Timestamps.micros(h.approvedAt()), Timestamps.micros(h.releaseAt()))),
                s.added(), s.capSlots());
        return new Lead(lead.id(), lead.version(), lead.offerId(), lead.siteId(), lead.click(), lead.exto(), lead.flowId(),
                lead.webmasterId(), lead.dedupeKey(), Timestamps.micros(lead.createdAt()), state);
    }

    private static ExchangeRate normalized(ExchangeRate c) {
        return new ExchangeRate(c.from(), c.to(), c.rate(), c.source(), Timestamps.micros(c.asOf()));
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
        b.instant(s.advertiserTime()).string(s.comment()).instant(s.updatedAt()).string(FieldsColumn.encode(s.fields()))
                .instant(s.held().map(HeldApproval::approvedAt)).instant(s.held().map(HeldApproval::releaseAt));
        if (s.added().equals(Added.none(s.payout().currency()))) {
            b.nullOf(Types.NUMERIC).nullOf(Types.NUMERIC);
        } else {
            b.decimal(s.added().payout().amount()).decimal(s.added().commission().amount());
        }
        b.string(CapSlotsColumn.encode(s.capSlots()));
    }

    /** Reads a row of {@link #SELECT}. */
    static Lead read(Row row) throws SQLException {
        LeadState state = new LeadState(Status.fromWireName(row.string(11)), row.string(12),
                money(row, 13), AmountSource.valueOf(row.string(15)),
                money(row, 16), AmountSource.valueOf(row.string(18)),
                conversion(row, 19), row.optionalInstant(24), row.optionalString(25), row.instant(26),
                FieldsColumn.decode(row.optionalString(27)), held(row, 28), added(row, 30), CapSlotsColumn.decode(row.optionalString(32)));
        return new Lead(row.number(1), row.number(2), row.number(3), row.optionalNumber(4),
                row.optionalString(5), row.optionalString(6), row.optionalNumber(7), row.optionalNumber(8),
                row.optionalString(9), row.instant(10), state);
    }

    /** When a lead waiting out a hold period (rules §13) would have been approved, and when it is released. */
    private static Optional<HeldApproval> held(Row row, int column) throws SQLException {
        Optional<Instant> approvedAt = row.optionalInstant(column);
        return approvedAt.isEmpty() ? Optional.empty() : Optional.of(new HeldApproval(approvedAt.get(), row.instant(column + 1)));
    }

    /** The money repeat conversions added (rules §12), in the currencies of the payout and commission; NULL for none. */
    private static Added added(Row row, int column) throws SQLException {
        Currency payout = Currency.getInstance(row.string(14).trim());
        BigDecimal addedPayout = row.decimal(column);
        if (addedPayout == null) {
            return Added.none(payout);
        }
        return new Added(Money.of(addedPayout, payout), Money.of(row.decimal(column + 1), Currency.getInstance(row.string(17).trim())));
    }

    /** An amount and its currency code, in two columns. */
    static Money money(Row row, int column) throws SQLException {
        return Money.of(row.decimal(column), Currency.getInstance(row.string(column + 1).trim()));
    }

    private static Optional<ExchangeRate> conversion(Row row, int column) throws SQLException {
        String from = row.string(column);
        if (from == null) {
            return Optional.empty();
        }
        return Optional.of(new ExchangeRate(Currency.getInstance(from.trim()), Currency.getInstance(row.string(column + 1).trim()),
                new BigDecimal(row.string(column + 2)), row.string(column + 3), row.instant(column + 4)));
    }
}
