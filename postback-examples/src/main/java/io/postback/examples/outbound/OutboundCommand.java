package io.postback.examples.outbound;

import io.postback.examples.demo.DemoStorage;
import io.postback.spi.DeliveryQueue;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;

/**
 * Lists the outbound postbacks given up on in the demo's database and sends them again
 * (docs/outbound.md, "Dead letters"). {@code --help} tells how.
 */
public final class OutboundCommand {

    private OutboundCommand() {
    }

    public static void main(String[] args) {
        int exit = run(args, System.out, System.err);
        if (exit != 0) {
            System.exit(exit);
        }
    }

    /** Runs the command with its output on {@code out} and errors on {@code err}; the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        OutboundOptions options;
        try {
            options = OutboundOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage() + "\n\n" + OutboundOptions.USAGE);
            return 2;
        }
        if (options.help()) {
            out.print(OutboundOptions.USAGE);
            return 0;
        }
        try (DemoStorage storage = DemoStorage.openExisting(options.demoOptions())) {
            if (!(storage.store() instanceof DeliveryQueue queue)) {
                err.println("error: the store at " + storage.description() + " keeps no outbound deliveries");
                return 1;
            }
            return run(options, new DeadLetters(queue, Clock.systemUTC()), out);
        } catch (IOException | RuntimeException e) {
            err.println("error: the outbound command failed: " + e.getMessage());
            return 1;
        }
    }

    static int run(OutboundOptions options, DeadLetters deadLetters, PrintStream out) {
        return switch (options.command().orElseThrow()) {
            case DEAD_LETTERS -> {
                deadLetters.list(options.limit(), out);
                yield 0;
            }
            case RESEND -> {
                if (options.all()) {
                    deadLetters.resendAll(out);
                    yield 0;
                }
                yield deadLetters.resend(options.ids(), out) ? 0 : 1;
            }
        };
    }
}
