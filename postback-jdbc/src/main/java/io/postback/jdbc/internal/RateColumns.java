package io.postback.jdbc.internal;

import io.postback.model.WebmasterRate;
import java.math.BigDecimal;
import java.sql.SQLException;

/** A webmaster rate in two columns, {@code rate_kind} and {@code rate_value} (of {@code pb_goal} and {@code pb_rate}). */
final class RateColumns {

    static final String FIXED = "fixed";
    static final String REVSHARE = "revshare";

    private RateColumns() {
    }

    static String kind(WebmasterRate rate) {
        return rate instanceof WebmasterRate.Fixed ? FIXED : REVSHARE;
    }

    static BigDecimal value(WebmasterRate rate) {
        return rate instanceof WebmasterRate.Fixed fixed ? fixed.amount() : ((WebmasterRate.RevShare) rate).percent();
    }

    static WebmasterRate rate(String kind, BigDecimal value) throws SQLException {
        if (FIXED.equals(kind)) {
            return new WebmasterRate.Fixed(plain(value));
        }
        if (REVSHARE.equals(kind)) {
            return new WebmasterRate.RevShare(plain(value));
        }
        throw new SQLException("unknown commission kind '" + kind + "' in the catalog; expected fixed or revshare", "22000");
    }

    /** {@code 10.00000000} as {@code 10}: the value as it was most likely written. */
    static BigDecimal plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
