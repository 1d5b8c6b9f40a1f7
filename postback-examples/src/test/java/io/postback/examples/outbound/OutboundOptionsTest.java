package io.postback.examples.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postback.examples.demo.DemoOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The outbound command's command line (docs/outbound.md, "Dead letters"). */
class OutboundOptionsTest {

    @Test
    void dead_letters_takes_a_limit_and_the_database() {
        OutboundOptions options = OutboundOptions.parse("dead-letters", "--limit", "5", "--jdbc-url=jdbc:h2:mem:x");

        assertThat(options.command()).hasValue(OutboundOptions.Command.DEAD_LETTERS);
        assertThat(options.limit()).isEqualTo(5);
        assertThat(options.demoOptions().effectiveJdbcUrl()).isEqualTo("jdbc:h2:mem:x");
        assertThat(OutboundOptions.parse("dead-letters").limit()).isEqualTo(OutboundOptions.DEFAULT_LIMIT);
        assertThat(OutboundOptions.parse("dead-letters").demoOptions().effectiveJdbcUrl()).isEqualTo(DemoOptions.DEFAULT_JDBC_URL);
    }

    @Test
    void resend_takes_ids_or_all_but_not_both_nor_neither() {
        assertThat(OutboundOptions.parse("resend", "7", "12", "--jdbc-url", "jdbc:h2:mem:x").ids()).containsExactly(7L, 12L);
        assertThat(OutboundOptions.parse("resend", "--all").all()).isTrue();
        assertThatThrownBy(() -> OutboundOptions.parse("resend")).hasMessage("resend needs delivery ids or --all, not both");
        assertThatThrownBy(() -> OutboundOptions.parse("resend", "7", "--all"))
                .hasMessage("resend needs delivery ids or --all, not both");
        assertThatThrownBy(() -> OutboundOptions.parse("resend", "seven")).hasMessage("unknown option seven");
    }

    @Test
    void options_of_the_other_command_unknown_commands_and_no_command_are_refused() {
        assertThatThrownBy(() -> OutboundOptions.parse("resend", "1", "--limit", "3"))
                .hasMessage("--limit belongs to dead-letters, not resend");
        assertThatThrownBy(() -> OutboundOptions.parse("dead-letters", "--all")).hasMessage("--all belongs to resend, not dead-letters");
        assertThatThrownBy(() -> OutboundOptions.parse("dead-letters", "--limit", "0")).hasMessage("--limit must be at least 1: 0");
        assertThatThrownBy(() -> OutboundOptions.parse("purge")).hasMessage("unknown command 'purge': dead-letters or resend");
        assertThatThrownBy(OutboundOptions::parse).hasMessage("a command is needed: dead-letters or resend");
    }

    @Test
    void help_is_printed_and_bad_options_exit_with_2() {
        assertThat(OutboundOptions.parse("--help").help()).isTrue();
        assertThat(OutboundOptions.parse("resend", "-h").help()).isTrue();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        assertThat(OutboundCommand.run(new String[] {"--help"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(OutboundOptions.USAGE);
        assertThat(OutboundCommand.run(new String[] {"resend"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("error: resend needs delivery ids or --all");
        assertThat(new OutboundOptions(Optional.empty(), Optional.empty(), 1, List.of(), false, true).help()).isTrue();
    }
}
