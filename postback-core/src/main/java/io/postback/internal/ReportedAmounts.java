package io.postback.internal;

import io.postback.model.ExchangeRate;
import io.postback.model.Money;

/** The {@code pay} and {@code wm} of a postback in the offer's currency; absent ones are null. */
record ReportedAmounts(Money pay, Money wm, ExchangeRate conversion) {

    static final ReportedAmounts NONE = new ReportedAmounts(null, null, null);

    boolean any() {
        return pay != null || wm != null;
    }
}
