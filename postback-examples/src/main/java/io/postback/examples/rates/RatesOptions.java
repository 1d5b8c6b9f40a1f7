package io.postback.examples.rates;

import io.postback.examples.cli.CommandLine;
import io.postback.examples.demo.DemoOptions;
import io.postback.rates.RatesCsv;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rates command's command line: {@code load FILE [--format ecb|plain] [--source NAME]},
 * {@code list [--base CUR] [--quote CUR]} or {@code convert AMOUNT FROM TO [--at TIME]}, each with
 * {@code [--jdbc-url URL]}; or {@code --help}.
 *
 * @param jdbcUrl empty: the demo's H2 file database under {@code ./data}
 */
record RatesOptions(Command command, Optional<Path> file, Optional<RatesCsv.Format> format, Optional<String> source,
                    Optional<Currency> base, Optional<Currency> quote, Optional<BigDecimal> amount, Optional<Instant> at,
                    Optional<String> jdbcUrl) {

    /** The subcommands, and what each takes. */
    enum Command {
        HELP(0, Set.of()),
        LOAD(1, Set.of("--format", "--source")),
        LIST(0, Set.of("--base", "--quote")),
        CONVERT(3, Set.of("--at"));

        final int operands;
        final Set<String> options;

        Command(int operands, Set<String> options) {
            this.operands = operands;
            this.options = options;
        }

        String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** An amount as a postback's {@code pay} (rules §6.2), with {@code .} as the point. */
    private static final Pattern AMOUNT = Pattern.compile("[0-9]{1,13}(\\.[0-9]{1,8})?");
    private static final Map<String, Command> COMMANDS = Map.of("load", Command.LOAD, "list", Command.LIST, "convert", Command.CONVERT);

    RatesOptions {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    }

    /** The database's URL: the given one, or the demo's. */
    String effectiveJdbcUrl() {
        return jdbcUrl.orElse(DemoOptions.DEFAULT_JDBC_URL);
    }

    private static RatesOptions help() {
        return new RatesOptions(Command.HELP, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * Reads the subcommand, its operands and its options ({@code --name value} or {@code --name=value}).
     *
     * @throws IllegalArgumentException naming the offending word or option
     */
    static RatesOptions parse(String... args) {
        if (args.length == 0) {
            throw new IllegalArgumentException("a command is needed: load, list or convert");
        }
        if (args[0].equals("--help") || args[0].equals("-h")) {
            return help();
        }
        Command command = COMMANDS.get(args[0]);
        if (command == null) {
            throw new IllegalArgumentException("unknown command '" + args[0] + "': load, list or convert");
        }
        Set<String> withValue = new java.util.HashSet<>(command.options);
        withValue.add("--jdbc-url");
        List<String> operands = new ArrayList<>();
        List<String> options = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("-") || arg.equals("-") || isNumber(arg)) {
                operands.add(arg);
                continue;
            }
            options.add(arg);
            if (withValue.contains(arg) && i + 1 < args.length) {
                options.add(args[++i]);
            }
        }
        Optional<RatesCsv.Format> format = Optional.empty();
        Optional<String> source = Optional.empty();
        Optional<Currency> base = Optional.empty();
        Optional<Currency> quote = Optional.empty();
        Optional<Instant> at = Optional.empty();
        Optional<String> jdbcUrl = Optional.empty();
        for (CommandLine.Option option : CommandLine.parse(options.toArray(String[]::new), withValue, Set.of())) {
            if (option.isHelp()) {
                return help();
            }
            switch (option.name()) {
                case "--format" -> format = Optional.of(RatesCsv.Format.named(option.value()).orElseThrow(
                        () -> new IllegalArgumentException("--format is ecb or plain: " + option.value())));
                case "--source" -> source = Optional.of(option.value());
                case "--base" -> base = Optional.of(currency("--base", option.value()));
                case "--quote" -> quote = Optional.of(currency("--quote", option.value()));
                case "--at" -> at = Optional.of(instant(option.value()));
                case "--jdbc-url" -> jdbcUrl = Optional.of(option.value());
                default -> throw new IllegalArgumentException("unknown option " + option.name());
            }
        }
        if (operands.size() != command.operands) {
            throw new IllegalArgumentException(command.word() + " takes " + switch (command) {
                case LOAD -> "a FILE";
                case CONVERT -> "AMOUNT FROM TO, like 10 USD EUR";
                default -> "no operand";
            } + ": " + (operands.isEmpty() ? "none given" : String.join(" ", operands)));
        }
        Optional<Path> file = command == Command.LOAD ? Optional.of(Path.of(operands.get(0))) : Optional.empty();
        Optional<BigDecimal> amount = Optional.empty();
        if (command == Command.CONVERT) {
            amount = Optional.of(amount(operands.get(0)));
            base = Optional.of(currency("FROM", operands.get(1)));
            quote = Optional.of(currency("TO", operands.get(2)));
        }
        return new RatesOptions(command, file, format, source, base, quote, amount, at, jdbcUrl);
    }

    private static boolean isNumber(String arg) {
        return arg.length() > 1 && Character.isDigit(arg.charAt(1));
    }

    private static BigDecimal amount(String value) {
        if (!AMOUNT.matcher(value).matches()) {
            throw new IllegalArgumentException("AMOUNT is digits with at most 8 decimals after a '.': " + value);
        }
        return new BigDecimal(value);
    }

    static Currency currency(String what, String code) {
        if (code.matches("[A-Za-z]{3}")) {
            try {
                return Currency.getInstance(code.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                // the message below
            }
        }
        throw new IllegalArgumentException(what + " is an ISO 4217 currency code, like USD: " + code);
    }

    /** Unix seconds, a date (00:00 UTC) or an instant with its offset. */
    static Instant instant(String value) {
        try {
            if (value.matches("[0-9]{1,11}")) {
                return Instant.ofEpochSecond(Long.parseLong(value));
            }
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--at is unix seconds, a date (2026-12-04) or an instant (2026-12-04T15:00:00Z): "
                    + value);
        }
    }
}
