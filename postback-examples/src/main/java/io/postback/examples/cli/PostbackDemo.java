package io.postback.examples.cli;

import io.postback.examples.correct.CorrectCommand;
import io.postback.examples.demo.DemoServer;
import io.postback.examples.outbound.OutboundCommand;
import io.postback.examples.rates.RatesCommand;
import io.postback.examples.reconcile.ReconcileCommand;
import io.postback.examples.replay.ReplayCommand;
import io.postback.examples.retention.RetentionCommand;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The demo jar's one command line: {@code java -jar postback-demo.jar [COMMAND] [options]}, where
 * the command is {@code serve} (the default, so that options alone start the server) or one of the
 * operator's tools; {@code --help} after any command tells its options, {@code --version} the
 * release. Each command is a class of its own with a {@code run(args, out, err)} that returns the
 * exit code: 0 done, 1 failed, 2 bad options.
 */
public final class PostbackDemo {

    /** One command: its name, one line on what it does, and how it runs. */
    record Command(String name, String summary, Runner runner) {
    }

    /** A command's entry point. */
    @FunctionalInterface
    interface Runner {
        int run(String[] args, PrintStream out, PrintStream err);
    }

    static final List<Command> COMMANDS = List.of(
            new Command("serve", "run the demo postback server (the default command)", DemoServer::serve),
            new Command("replay", "replay rejected postbacks from the journal (docs/replay.md)", ReplayCommand::run),
            new Command("correct", "correct leads from a CSV file, dry run first (docs/rules.md §16)", CorrectCommand::run),
            new Command("reconcile", "compare an offer's leads with the advertiser's report (docs/rules.md §16.5)",
                    ReconcileCommand::run),
            new Command("rates", "load, list and try exchange rates (docs/rates.md)", RatesCommand::run),
            new Command("outbound", "list and resend outbound dead letters (docs/outbound.md)", OutboundCommand::run),
            new Command("retention", "purge old journal rows and deliveries (docs/retention.md)",
                    (args, out, err) -> RetentionCommand.run(args, Clock.systemUTC(), out, err)));

    private PostbackDemo() {
    }

    /** The system property the demo's logging configuration reads for where its lines go. */
    static final String LOG_TARGET = "postback.log.target";

    public static void main(String[] args) {
        if (args.length > 0 && !args[0].startsWith("-") && !args[0].equals("serve")) {
            // Before the first logger: a command's output is what it prints, its log lines go to standard error.
            System.setProperty(LOG_TARGET, "System.err");
        }
        int exit = run(args, System.out, System.err);
        if (exit != 0) {
            System.exit(exit);
        }
    }

    /** Runs the command {@code args} name; its exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help"))) {
            if (args.length > 1) { // "help replay" is "replay --help"
                return run(new String[] {args[1], "--help"}, out, err);
            }
            out.print(usage());
            return 0;
        }
        if (args.length > 0 && (args[0].equals("--version") || args[0].equals("-V"))) {
            out.println("postback-demo " + version() + " (Java " + Runtime.version() + ")");
            return 0;
        }
        if (args.length == 0 || args[0].startsWith("-")) {
            return command("serve").orElseThrow().runner().run(args, out, err);
        }
        Optional<Command> command = command(args[0]);
        if (command.isEmpty()) {
            err.println("error: unknown command '" + args[0] + "'\n\n" + usage());
            return 2;
        }
        return command.get().runner().run(Arrays.copyOfRange(args, 1, args.length), out, err);
    }

    static Optional<Command> command(String name) {
        return COMMANDS.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    static String usage() {
        StringBuilder text = new StringBuilder("""
                Usage: java -jar postback-demo.jar [COMMAND] [options]

                Commands:
                """);
        for (Command c : COMMANDS) {
            text.append("  ").append(String.format("%-11s", c.name())).append(c.summary()).append('\n');
        }
        return text.append("""

                  --help      this text; COMMAND --help, or help COMMAND, tells a command's options
                  --version   the release

                Options without a command start the server: java -jar postback-demo.jar --port 8080
                """).toString();
    }

    /** The release, as Maven wrote it into the jar at build time. */
    static String version() {
        Properties properties = new Properties();
        try (InputStream in = PostbackDemo.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        return properties.getProperty("version", "unknown");
    }
}
