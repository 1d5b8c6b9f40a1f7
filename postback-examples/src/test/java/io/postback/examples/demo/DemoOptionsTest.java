package io.postback.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DemoOptionsTest {

    @Test
    void defaults_are_port_8080_loopback_the_h2_file_under_data_and_the_sample_catalog() {
        DemoOptions options = DemoOptions.parse();
        assertThat(options.port()).isEqualTo(8080);
        assertThat(options.host()).isEqualTo("127.0.0.1");
        assertThat(options.effectiveJdbcUrl()).startsWith("jdbc:h2:file:./data/");
        assertThat(options.catalog()).isEmpty();
        assertThat(options.help()).isFalse();
        assertThat(options.limits()).isEqualTo(ClientLimits.defaults());
        assertThat(options.limits().connectionsPerAddress()).isEqualTo(64);
    }

    @Test
    void the_operator_password_file_is_an_option_and_absent_by_default() {
        assertThat(DemoOptions.parse().operatorPasswordFile()).isEmpty();
        assertThat(DemoOptions.parse("--operator-password-file", "secrets/operator").operatorPasswordFile())
                .contains(java.nio.file.Path.of("secrets/operator"));
        assertThat(DemoOptions.USAGE).contains("--operator-password-file FILE", "POSTBACK_OPERATOR_PASSWORD");
    }

    @Test
    void connections_per_client_address() {
        assertThat(DemoOptions.parse("--max-connections-per-ip", "500").limits())
                .isEqualTo(ClientLimits.defaults().withConnectionsPerAddress(500));
        assertThatThrownBy(() -> DemoOptions.parse("--max-connections-per-ip=0"))
                .hasMessage("--max-connections-per-ip must be a whole number of at least 1: 0");
        assertThatThrownBy(() -> DemoOptions.parse("--max-connections-per-ip", "many"))
                .hasMessage("--max-connections-per-ip must be a whole number of at least 1: many");
        assertThat(DemoOptions.USAGE).contains("--max-connections-per-ip N", "default 64");
    }

    @Test
    void options_take_their_value_after_a_space_or_an_equals_sign() {
        DemoOptions options = DemoOptions.parse("--port", "9090", "--jdbc-url=jdbc:postgresql://db/pb?user=pb",
                "--catalog", "my catalog.json", "--host=0.0.0.0");
        assertThat(options.port()).isEqualTo(9090);
        assertThat(options.jdbcUrl()).isEqualTo(Optional.of("jdbc:postgresql://db/pb?user=pb"));
        assertThat(options.catalog()).isEqualTo(Optional.of(Path.of("my catalog.json")));
        assertThat(options.host()).isEqualTo("0.0.0.0");
    }

    @Test
    void outbound_postbacks_to_private_addresses_are_refused_unless_the_flag_allows_them() {
        assertThat(DemoOptions.parse().outboundAllowPrivate()).isFalse();
        assertThat(DemoOptions.parse("--port", "0", "--outbound-allow-private").outboundAllowPrivate()).isTrue();
        assertThat(DemoOptions.parse("--outbound-allow-private", "--help").outboundAllowPrivate()).isTrue();
        assertThat(DemoOptions.USAGE).contains("--outbound-allow-private", "/webmaster/postback");
    }

    @Test
    void help() {
        assertThat(DemoOptions.parse("--help").help()).isTrue();
        assertThat(DemoOptions.parse("--port", "1", "-h").help()).isTrue();
    }

    @Test
    void mistakes_are_named() {
        assertThatThrownBy(() -> DemoOptions.parse("--verbose")).hasMessage("unknown option --verbose");
        assertThatThrownBy(() -> DemoOptions.parse("--port")).hasMessage("--port needs a value");
        assertThatThrownBy(() -> DemoOptions.parse("--port", "http")).hasMessage("--port must be a number: http");
        assertThatThrownBy(() -> DemoOptions.parse("--port=70000")).hasMessage("--port must be within 0..65535: 70000");
    }
}
