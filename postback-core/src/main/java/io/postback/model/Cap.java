package io.postback.model;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A cap of an offer (rules §14): at most {@code max} leads matching the filters are counted in each
 * period; what is over it is refused or stored in another status.
 *
 * @param name      how messages and the trace name the cap: the catalog's {@code name}, else its place ("caps[0]")
 * @param goal      counts only leads of this goal; empty: any goal
 * @param flow      counts only leads of this flow; empty: any
 * @param webmaster counts only leads of this webmaster; empty: any
 * @param zone      the time zone in which days and months begin
 */
public record Cap(String name, Optional<String> goal, OptionalLong flow, OptionalLong webmaster, Per per, ZoneId zone,
                  long max, Counts counts, Over over) {

    /** The period a cap counts in. */
    public enum Per {
        DAY, MONTH, TOTAL;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What takes a slot: a lead created, or a lead entering approve (or the hold of a hold period, rules §13). */
    public enum Counts {
        CREATE, APPROVE;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What becomes of a lead the cap has no room for. */
    public enum Over {
        /** Refused with error {@code cap}; nothing is created or changed. */
        REJECT(null),
        /** Stored in {@code hold} instead of the status asked for. */
        HOLD(Status.HOLD),
        /** Stored in {@code trash} instead of the status asked for. */
        TRASH(Status.TRASH);

        private final Status status;

        Over(Status status) {
            this.status = status;
        }

        /** The status the lead gets instead; empty for {@link #REJECT}. */
        public Optional<Status> status() {
            return Optional.ofNullable(status);
        }

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Cap {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(goal, "goal");
        Objects.requireNonNull(flow, "flow");
        Objects.requireNonNull(webmaster, "webmaster");
        Objects.requireNonNull(per, "per");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(counts, "counts");
        Objects.requireNonNull(over, "over");
        if (name.isBlank() || name.length() > 64) {
            throw new IllegalArgumentException("a cap name has 1 to 64 characters: '" + name + "'");
        }
        if (max < 0) {
            throw new IllegalArgumentException("cap " + name + ": max must not be negative: " + max);
        }
    }

    /** Whether a lead of this goal, flow and webmaster is counted by the cap. */
    public boolean matches(String leadGoal, OptionalLong leadFlow, OptionalLong leadWebmaster) {
        return (goal.isEmpty() || goal.get().equals(leadGoal))
                && (flow.isEmpty() || leadFlow.equals(flow))
                && (webmaster.isEmpty() || leadWebmaster.equals(webmaster));
    }

    /**
     * The counter's key in the store: the offer and everything that decides what the cap counts,
     * but not {@code max}, {@code over} or the name, so raising a cap keeps what it counted.
     */
    public String key(long offerId) {
        return "o" + offerId + "|" + counts.wireName() + "|" + per.wireName() + "|" + zone.getId()
                + "|f" + (flow.isPresent() ? flow.getAsLong() : "*")
                + "|w" + (webmaster.isPresent() ? webmaster.getAsLong() : "*")
                + "|g" + goal.map(g -> "=" + g).orElse("*");
    }

    /** The name of the period {@code at} falls in: {@code 2026-11-30}, {@code 2026-11} or {@code total}. */
    public String period(Instant at) {
        return switch (per) {
            case TOTAL -> "total";
            case DAY -> LocalDate.ofInstant(at, zone).toString();
            case MONTH -> LocalDate.ofInstant(at, zone).toString().substring(0, 7);
        };
    }

    /** The cap for messages: {@code cap 'dep-daily' (100 approve per day)}. */
    public String describe() {
        return "cap '" + name + "' (" + max + " " + counts.wireName() + (per == Per.TOTAL ? " in total" : " per " + per.wireName())
                + ")";
    }
}
