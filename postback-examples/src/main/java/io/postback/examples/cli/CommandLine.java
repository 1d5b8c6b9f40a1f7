package io.postback.examples.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Splits {@code --name value}, {@code --name=value} and flags, the one syntax of the examples' commands. */
public final class CommandLine {

    /** One option as given; a flag's value is empty. */
    public record Option(String name, String value) {
        public boolean isHelp() {
            return name.equals("--help") || name.equals("-h");
        }
    }

    private CommandLine() {
    }

    /**
     * The options in order. {@code --help} (or {@code -h}) ends the list, so that help is shown
     * whatever follows it.
     *
     * @throws IllegalArgumentException naming an unknown option or one without its value
     */
    public static List<Option> parse(String[] args, Set<String> withValue, Set<String> flags) {
        List<Option> options = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                options.add(new Option(arg, ""));
                return options;
            }
            if (flags.contains(arg)) {
                options.add(new Option(arg, ""));
                continue;
            }
            int eq = arg.indexOf('=');
            String name = eq > 0 ? arg.substring(0, eq) : arg;
            if (!withValue.contains(name)) {
                throw new IllegalArgumentException("unknown option " + name);
            }
            if (eq > 0) {
                options.add(new Option(name, arg.substring(eq + 1)));
            } else if (i + 1 < args.length) {
                options.add(new Option(name, args[++i]));
            } else {
                throw new IllegalArgumentException(name + " needs a value");
            }
        }
        return options;
    }
}
