package io.postback.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;

/**
 * The known parameters of one postback, validated and typed. Internal: absent values are
 * {@code null} here (this is the hot path); the public API never exposes them.
 */
public final class ValidatedParams {
    String token;
    String click;
    String exto;
    long flowId;
    String code;
    String status;
    final String[] overrideLists = new String[StatusResolver.LIST_COUNT];
    boolean auto;
    String goal;
    BigDecimal pay;
    BigDecimal wm;
    Currency currency;
    Instant time;
    String comment;
    String signature;

    public String token() {
        return token;
    }

    public String signature() {
        return signature;
    }

    public Instant time() {
        return time;
    }

    boolean hasFlow() {
        return flowId > 0 || code != null;
    }

    boolean changesMoney() {
        return pay != null || wm != null;
    }
}
