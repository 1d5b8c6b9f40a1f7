package io.postback.examples.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postback.examples.testing.FakeRequest;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClientAddressTest {

    private final ClientAddress proxies = ClientAddress.trusting(Set.of("10.0.0.1", "10.0.0.2", "::1"));

    @Test
    void by_default_the_direct_peer_and_never_the_header() {
        FakeRequest request = new FakeRequest().remoteAddr("10.0.0.1").header("X-Forwarded-For", "203.0.113.7");
        assertThat(ClientAddress.direct().of(request.build())).isEqualTo("10.0.0.1");
    }

    @Test
    void a_peer_that_is_not_a_trusted_proxy_cannot_choose_its_address() {
        FakeRequest request = new FakeRequest().remoteAddr("198.51.100.66").header("X-Forwarded-For", "203.0.113.7");
        assertThat(proxies.of(request.build())).isEqualTo("198.51.100.66");
    }

    @Test
    void from_a_trusted_proxy_the_right_most_untrusted_entry() {
        FakeRequest request = new FakeRequest().remoteAddr("10.0.0.1")
                .header("X-Forwarded-For", "1.2.3.4, 203.0.113.7, 10.0.0.2");
        assertThat(proxies.of(request.build())).isEqualTo("203.0.113.7");
    }

    @Test
    void repeated_headers_are_one_list_in_order() {
        FakeRequest request = new FakeRequest().remoteAddr("10.0.0.1")
                .header("X-Forwarded-For", "1.2.3.4").header("X-Forwarded-For", "203.0.113.8");
        assertThat(proxies.of(request.build())).isEqualTo("203.0.113.8");
    }

    @Test
    void all_entries_trusted_gives_the_left_most_and_no_header_the_peer() {
        FakeRequest allTrusted = new FakeRequest().remoteAddr("10.0.0.1").header("X-Forwarded-For", "10.0.0.2,10.0.0.1");
        assertThat(proxies.of(allTrusted.build())).isEqualTo("10.0.0.2");
        assertThat(proxies.of(new FakeRequest().remoteAddr("10.0.0.1").build())).isEqualTo("10.0.0.1");
    }

    @Test
    void an_entry_that_is_not_an_address_is_unknown_rather_than_the_proxy() {
        FakeRequest request = new FakeRequest().remoteAddr("10.0.0.1").header("X-Forwarded-For", "evil.example, 10.0.0.2");
        assertThat(proxies.of(request.build())).isEqualTo(ClientAddress.UNKNOWN);
    }

    @Test
    void ipv6_peers_and_entries_are_compared_in_canonical_form() {
        FakeRequest request = new FakeRequest().remoteAddr("0:0:0:0:0:0:0:1").header("X-Forwarded-For", "[2001:db8::7]:443");
        assertThat(proxies.of(request.build())).isEqualTo("2001:db8:0:0:0:0:0:7");
    }

    @Test
    void only_ip_literals_are_addresses_and_no_name_is_looked_up() {
        assertThat(ClientAddress.normalize("10.0.0.1:8443")).isEqualTo(Optional.of("10.0.0.1"));
        assertThat(ClientAddress.normalize(" 010.000.000.001 ")).isEqualTo(Optional.of("10.0.0.1"));
        assertThat(ClientAddress.normalize("256.0.0.1")).isEmpty();
        assertThat(ClientAddress.normalize("1.2.3")).isEmpty();
        assertThat(ClientAddress.normalize("localhost")).isEmpty();
        assertThat(ClientAddress.normalize("fe80::1%eth0")).isEmpty();
        assertThat(ClientAddress.normalize("[::1")).isEmpty();
        assertThat(ClientAddress.normalize("")).isEmpty();
    }

    @Test
    void trusted_proxies_must_be_addresses() {
        assertThatThrownBy(() -> ClientAddress.trusting(Set.of("proxy.internal")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("proxy.internal");
    }
}
