package io.postback.examples.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The log of a demo started as a process: the port it says it listens on. */
public final class DemoProcessLog {

    private static final Pattern LISTENING = Pattern.compile("postback demo on http://127\\.0\\.0\\.1:(\\d+)/");

    private DemoProcessLog() {
    }

    /** The port the demo's start-up line names, within a minute; fails when the process exits first. */
    public static int awaitPort(Path log, Process process) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Matcher listening = LISTENING.matcher(Files.exists(log) ? Files.readString(log) : "");
            if (listening.find()) {
                return Integer.parseInt(listening.group(1));
            }
            assertThat(process.isAlive()).as("the demo exited: %s", Files.exists(log) ? Files.readString(log) : "").isTrue();
            Thread.sleep(50);
        }
        throw new AssertionError("the demo did not start within a minute");
    }
}
