package io.postback.examples.outbound;

import io.postback.examples.cli.CommandLine;
import io.postback.examples.demo.DemoOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The outbound command's command line: {@code dead-letters [--limit N]} or
 * {@code resend ID...|--all}, with the database of {@code --jdbc-url}.
 *
 * @param command empty with {@code --help} alone
 * @param jdbcUrl empty: the demo's H2 file database under {@code ./data}
 * @param limit   how many dead letters {@code dead-letters} lists, at most
 * @param ids     the deliveries {@code resend} makes pending again
 * @param all     {@code resend --all}: every dead letter
 */
public record OutboundOptions(Optional<Command> command, Optional<String> jdbcUrl, int limit, List<Long> ids, boolean all,
                              boolean help) {

    /** What the command does. */
    public enum Command {
        DEAD_LETTERS("dead-letters"), RESEND("resend");

        private final String word;

        Command(String word) {
            this.word = word;
        }

        static Command of(String word) {
            for (Command c : values()) {
                if (c.word.equals(word)) {
                    return c;
                }
            }
            throw new IllegalArgumentException("unknown command '" + word + "': dead-letters or resend");
        }
    }

    public static final int DEFAULT_LIMIT = 100;

    private static final Set<String> WITH_VALUE = Set.of("--jdbc-url", "--limit");
    private static final Set<String> FLAGS = Set.of("--all");

    public static final String USAGE = """
            Usage: java -jar postback-demo.jar outbound \\
                     dead-letters [--limit N] | resend ID... | resend --all   [--jdbc-url URL]

            Outbound postbacks that were given up on (dead letters): the webmaster's tracker answered
            a 4xx other than 429, the destination was refused, or the last retry failed.

              dead-letters     list the dead letters, newest first
                --limit N      at most N of them (default 100)
              resend ID...     make these dead letters pending again; a running dispatcher (the
                               demo's) sends them within seconds, with the same event ids
              resend --all     make every dead letter pending again
              --jdbc-url URL   database (default: the demo's H2 file under ./data)
              --help           this text

            One line per dead letter: delivery=ID lead=ID postback=ID on=EVENT event=EVENT_ID
            attempts=N last_error=... (never a signing secret). Stop the demo first when it uses
            the same H2 file. Exit code 0 when done, 1 when the database cannot be read or a
            delivery to resend is not a dead letter, 2 for bad options.
            """;

    public OutboundOptions {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        ids = List.copyOf(ids);
        if (limit < 1) {
            throw new IllegalArgumentException("--limit must be at least 1: " + limit);
        }
    }

    /** The demo's options for the same database, to open it as the demo does. */
    public DemoOptions demoOptions() {
        return DemoOptions.defaults().withJdbcUrl(jdbcUrl.orElse(DemoOptions.DEFAULT_JDBC_URL));
    }

    /**
     * Reads the command, then {@code --name value} and {@code --name=value} options; {@code resend}
     * takes delivery ids as plain numbers.
     *
     * @throws IllegalArgumentException naming the offending word or option
     */
    public static OutboundOptions parse(String... args) {
        if (args.length == 0) {
            throw new IllegalArgumentException("a command is needed: dead-letters or resend");
        }
        if (args[0].equals("--help") || args[0].equals("-h")) {
            return new OutboundOptions(Optional.empty(), Optional.empty(), DEFAULT_LIMIT, List.of(), false, true);
        }
        Command command = Command.of(args[0]);
        List<Long> ids = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            boolean optionValue = WITH_VALUE.contains(args[i - 1]);
            if (command == Command.RESEND && !optionValue && args[i].matches("[0-9]{1,18}")) {
                ids.add(Long.parseLong(args[i]));
            } else {
                rest.add(args[i]);
            }
        }
        Optional<String> jdbcUrl = Optional.empty();
        int limit = DEFAULT_LIMIT;
        boolean all = false;
        for (CommandLine.Option option : CommandLine.parse(rest.toArray(String[]::new), WITH_VALUE, FLAGS)) {
            if (option.isHelp()) {
                return new OutboundOptions(Optional.of(command), jdbcUrl, limit, ids, all, true);
            }
            switch (option.name()) {
                case "--jdbc-url" -> jdbcUrl = Optional.of(option.value());
                case "--limit" -> limit = limit(command, option.value());
                case "--all" -> all = only(command, Command.RESEND, "--all");
                default -> throw new IllegalArgumentException("unknown option " + option.name());
            }
        }
        if (command == Command.RESEND && ids.isEmpty() == !all) {
            throw new IllegalArgumentException("resend needs delivery ids or --all, not both");
        }
        return new OutboundOptions(Optional.of(command), jdbcUrl, limit, ids, all, false);
    }

    private static int limit(Command command, String value) {
        only(command, Command.DEAD_LETTERS, "--limit");
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--limit must be a whole number: " + value);
        }
    }

    private static boolean only(Command command, Command allowed, String option) {
        if (command != allowed) {
            throw new IllegalArgumentException(option + " belongs to " + allowed.word + ", not " + command.word);
        }
        return true;
    }
}
