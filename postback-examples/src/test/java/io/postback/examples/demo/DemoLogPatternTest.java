package io.postback.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * The demo jar's log pattern (src/demo/logback.xml): a line written while a postback is handled
 * ends with its id, from the MDC key {@code postback.id} (docs/observability.md); any other line
 * looks as the README shows it.
 */
class DemoLogPatternTest {

    @Test
    void a_line_written_while_a_postback_is_handled_ends_with_its_id_and_others_are_unchanged() throws Exception {
        List<String> lines = logThroughTheDemoConfiguration();

        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  demo     postback demo on http://127\\.0\\.0\\.1:8080/");
        assertThat(lines.get(1)).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} WARN  ProcessorCore create postback failed in the store: "
                + "down \\[postback 0190-abc\\]");
    }

    private static List<String> logThroughTheDemoConfiguration() throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(MDC.getMDCAdapter()); // the one the processor's MDC.put writes to
        PrintStream console = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(Path.of("src", "demo", "logback.xml").toFile());
            context.getLogger("demo").info("postback demo on http://127.0.0.1:8080/");
            MDC.put("postback.id", "0190-abc");
            try {
                context.getLogger("io.postback.internal.ProcessorCore").warn("create postback failed in the store: down");
            } finally {
                MDC.remove("postback.id");
            }
        } finally {
            context.stop();
            System.setOut(console);
        }
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }
}
