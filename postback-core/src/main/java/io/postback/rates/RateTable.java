package io.postback.rates;

import io.postback.model.ExchangeRate;
import io.postback.spi.CurrencyConverter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An immutable rates table and the converter over it (docs/rates.md). For {@code from}, {@code to}
 * and an instant it takes, of each pair, the newest row valid then ({@code validFrom <= at}), and
 * answers the first of:
 *
 * <ol>
 *   <li>the direct pair {@code from/to}: its rate as loaded;</li>
 *   <li>the opposite pair {@code to/from}: 1 divided by its rate;</li>
 *   <li>a cross rate through a common base {@code X} with rows {@code X/from} and {@code X/to} (the
 *       ECB publishes EUR/USD and EUR/GBP, so USD/GBP is EUR/GBP divided by EUR/USD). Of several
 *       bases, the one whose older leg is the newest; then the first by code. Its time is that of
 *       its older leg.</li>
 * </ol>
 *
 * A derived rate (2 and 3) is one division rounded half-up to {@value #DERIVED_DIGITS} significant
 * digits ({@link #DERIVED}); the processor then rounds the converted amount half-up to 8 decimal
 * places (rules §6.4), so the amount can always be recomputed from the rate kept with the lead. Its
 * source says how it was derived: {@code ecb (inverse of EUR/USD)}, {@code ecb (cross EUR/GBP over
 * EUR/USD)}. No row valid at that instant: empty, which the processor answers {@code currency}.
 */
public final class RateTable implements CurrencyConverter {

    public static final int DERIVED_DIGITS = 20;
    /** The precision and rounding of an inverse or cross rate. */
    public static final MathContext DERIVED = new MathContext(DERIVED_DIGITS, RoundingMode.HALF_UP);
    private static final Comparator<RateRow> ORDER = Comparator.comparing((RateRow r) -> r.base().getCurrencyCode())
            .thenComparing(r -> r.quote().getCurrencyCode()).thenComparing(RateRow::validFrom);

    private record Pair(Currency base, Currency quote) {
    }

    /** A cross rate's two legs: 1 base = from.rate FROM, 1 base = to.rate TO. */
    private record Legs(RateRow from, RateRow to) {
        Instant asOf() {
            return from.validFrom().isBefore(to.validFrom()) ? from.validFrom() : to.validFrom();
        }
    }

    private static final RateTable EMPTY = new RateTable(List.of());

    private final Map<Pair, NavigableMap<Instant, RateRow>> byPair = new HashMap<>();
    /** For each quote, the bases it has rows with: where a cross rate can go through. */
    private final Map<Currency, Set<String>> basesOf = new HashMap<>();
    private final List<RateRow> rows;

    private RateTable(Collection<RateRow> rows) {
        for (RateRow row : rows) {
            Objects.requireNonNull(row, "row");
            byPair.computeIfAbsent(new Pair(row.base(), row.quote()), p -> new TreeMap<>()).put(row.validFrom(), row);
            basesOf.computeIfAbsent(row.quote(), q -> new TreeSet<>()).add(row.base().getCurrencyCode());
        }
        List<RateRow> kept = new ArrayList<>();
        byPair.values().forEach(history -> kept.addAll(history.values()));
        kept.sort(ORDER);
        this.rows = List.copyOf(kept);
    }

    /** The table of {@code rows}; of two rows of one pair and time, the later in the collection is kept. */
    public static RateTable of(Collection<RateRow> rows) {
        return rows.isEmpty() ? EMPTY : new RateTable(rows);
    }

    public static RateTable empty() {
        return EMPTY;
    }

    /** Every row, by base, quote and time. */
    public List<RateRow> rows() {
        return rows;
    }

    /** The row of {@code base/quote} valid at {@code at}: the newest with {@code validFrom <= at}. */
    public Optional<RateRow> row(Currency base, Currency quote, Instant at) {
        NavigableMap<Instant, RateRow> history = byPair.get(new Pair(base, quote));
        if (history == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(history.floorEntry(at)).map(Map.Entry::getValue);
    }

    @Override
    public Optional<ExchangeRate> rate(Currency from, Currency to, Instant at) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(at, "at");
        if (from.equals(to)) {
            return Optional.of(new ExchangeRate(from, to, BigDecimal.ONE, "identity", at));
        }
        Optional<RateRow> direct = row(from, to, at);
        if (direct.isPresent()) {
            RateRow r = direct.get();
            return Optional.of(new ExchangeRate(from, to, r.rate(), r.source(), r.validFrom()));
        }
        Optional<RateRow> opposite = row(to, from, at);
        if (opposite.isPresent()) {
            RateRow r = opposite.get();
            return Optional.of(new ExchangeRate(from, to, plain(BigDecimal.ONE.divide(r.rate(), DERIVED)),
                    r.source() + " (inverse of " + r.pair() + ")", r.validFrom()));
        }
        return cross(from, to, at).map(legs -> new ExchangeRate(from, to,
                plain(legs.to().rate().divide(legs.from().rate(), DERIVED)), sources(legs) + " (cross " + legs.to().pair()
                        + " over " + legs.from().pair() + ")", legs.asOf()));
    }

    private Optional<Legs> cross(Currency from, Currency to, Instant at) {
        Set<String> fromBases = basesOf.getOrDefault(from, Set.of());
        Set<String> toBases = basesOf.getOrDefault(to, Set.of());
        Legs best = null;
        for (String code : fromBases) { // in code order: of two bases as new, the first by code wins
            Currency base = Currency.getInstance(code);
            if (!toBases.contains(code) || base.equals(from) || base.equals(to)) {
                continue;
            }
            Optional<RateRow> fromLeg = row(base, from, at);
            Optional<RateRow> toLeg = row(base, to, at);
            if (fromLeg.isPresent() && toLeg.isPresent()) {
                Legs legs = new Legs(fromLeg.get(), toLeg.get());
                if (best == null || legs.asOf().isAfter(best.asOf())) {
                    best = legs;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    private static String sources(Legs legs) {
        String a = legs.to().source();
        String b = legs.from().source();
        return a.equals(b) ? a : a + "+" + b;
    }

    /** A quotient never in exponent notation: {@code 1E+2} is {@code 100}. */
    private static BigDecimal plain(BigDecimal value) {
        return value.scale() < 0 ? value.setScale(0) : value;
    }
}
