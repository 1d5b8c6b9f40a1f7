package io.postback.internal;

import io.postback.model.AmountSource;
import io.postback.model.Goal;
import io.postback.model.LeadState;
import io.postback.model.Money;
import io.postback.model.Offer;
import io.postback.model.WebmasterRate;
import io.postback.spi.OfferCatalog;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/** Rules §6: the payout and commission of a lead from its goal rule, {@code pay} and {@code wm}. */
final class MoneyRules {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final OfferCatalog catalog;

    MoneyRules(OfferCatalog catalog) {
        this.catalog = catalog;
    }

    /** Payout and commission, with their sources. */
    record Amounts(Money payout, AmountSource payoutSource, Money commission, AmountSource commissionSource) {
    }

    /** The payout and where it came from. */
    private record Payout(Money amount, AmountSource source) {
    }

    /**
     * @param previous the lead's state before this postback, null for a new lead
     */
    Amounts compute(Offer offer, Goal goal, OptionalLong flowId, OptionalLong webmasterId,
                    LeadState previous, ReportedAmounts reported, Trace trace) {
        boolean goalChanged = previous == null || !previous.goal().equals(goal.id());
        Payout payout = payout(offer, goal, previous, reported, goalChanged);
        trace.add("payout", () -> payout.amount() + " from " + describe(payout.source(), goal));
        if (reported.wm() != null) {
            trace.add("commission", reported.wm(), " set by 'wm'");
            return new Amounts(payout.amount(), payout.source(), reported.wm(), AmountSource.WM);
        }
        boolean payoutChanged = previous != null && !previous.payout().equals(payout.amount());
        if (previous != null && !goalChanged && (previous.commissionSource() == AmountSource.WM || !payoutChanged)) {
            trace.add("commission", () -> previous.commission() + " kept ("
                    + previous.commissionSource().name().toLowerCase(Locale.ROOT) + ")");
            return new Amounts(payout.amount(), payout.source(), previous.commission(), previous.commissionSource());
        }
        Optional<WebmasterRate> individual = catalog.individualRate(offer, goal, flowId, webmasterId);
        WebmasterRate rate = individual.orElse(goal.rate());
        AmountSource source = individual.isPresent() ? AmountSource.INDIVIDUAL_RATE : AmountSource.GOAL;
        if (rate instanceof WebmasterRate.Fixed && previous != null && !goalChanged) {
            // pay never changes a fixed commission (rules §6).
            trace.add("commission", previous.commission(), " kept: fixed commission, unaffected by 'pay'");
            return new Amounts(payout.amount(), payout.source(), previous.commission(), previous.commissionSource());
        }
        Money commission = commission(rate, payout.amount());
        trace.add("commission", () -> commission + " from " + (source == AmountSource.INDIVIDUAL_RATE ? "an individual rate"
                : "goal '" + goal.id() + "'") + ": " + describe(rate));
        return new Amounts(payout.amount(), payout.source(), commission, source);
    }

    /** The commission rule of a goal for a lead: its individual rate, else the goal's (rules §6). */
    WebmasterRate rate(Offer offer, Goal goal, OptionalLong flowId, OptionalLong webmasterId) {
        return catalog.individualRate(offer, goal, flowId, webmasterId).orElse(goal.rate());
    }

    /** A reported {@code pay} wins; a reported pay survives goal changes; no change keeps the payout as it is. */
    private static Payout payout(Offer offer, Goal goal, LeadState previous, ReportedAmounts reported, boolean goalChanged) {
        if (reported.pay() != null) {
            return new Payout(reported.pay(), AmountSource.PAY);
        }
        if (previous != null && (previous.payoutSource() == AmountSource.PAY || !goalChanged)) {
            return new Payout(previous.payout(), previous.payoutSource());
        }
        return new Payout(new Money(goal.payout(), offer.currency()), AmountSource.GOAL);
    }

    static Money commission(WebmasterRate rate, Money payout) {
        if (rate instanceof WebmasterRate.Fixed fixed) {
            return new Money(fixed.amount(), payout.currency());
        }
        BigDecimal percent = ((WebmasterRate.RevShare) rate).percent();
        int digits = Math.max(payout.currency().getDefaultFractionDigits(), 0);
        BigDecimal share = payout.amount().multiply(percent).divide(HUNDRED, digits, RoundingMode.HALF_UP);
        return new Money(share, payout.currency());
    }

    private static String describe(AmountSource source, Goal goal) {
        return switch (source) {
            case PAY -> "'pay'";
            case GOAL -> "goal '" + goal.id() + "'";
            default -> source.name().toLowerCase(Locale.ROOT);
        };
    }

    private static String describe(WebmasterRate rate) {
        if (rate instanceof WebmasterRate.Fixed fixed) {
            return "fixed " + fixed.amount().toPlainString();
        }
        return "revshare " + ((WebmasterRate.RevShare) rate).percent().toPlainString() + "% of the payout";
    }
}
