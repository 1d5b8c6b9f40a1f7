package io.postback.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Rules §15, security: only public destinations, also behind a name. */
class DestinationGuardTest {

    /** Resolves every name to {@code address}, as a hostile DNS answer would. */
    static DestinationGuard resolvingTo(String address) {
        return new DestinationGuard(false, host -> new InetAddress[] {InetAddress.getByName(address)});
    }

    @ParameterizedTest
    @CsvSource({
            "127.0.0.1, loopback", "127.8.9.10, loopback", "::1, loopback", "10.1.2.3, private", "172.16.0.1, private",
            "192.168.1.1, private", "169.254.169.254, link-local", "fe80::1, link-local", "fc00::1, unique-local",
            "fd12:3456::1, unique-local", "0.0.0.0, unspecified", "::, unspecified", "100.64.0.1, shared (carrier-grade NAT)",
            "::ffff:127.0.0.1, loopback", "::ffff:10.0.0.1, private", "224.0.0.1, multicast"})
    void aNameThatResolvesToANonPublicAddressIsRefused(String address, String kind) {
        assertThat(resolvingTo(address).refusal(URI.create("https://tracker.example/pb?x=1")))
                .hasValueSatisfying(r -> assertThat(r).startsWith("refused: tracker.example is at ").endsWith("a " + kind + " address"));
    }

    @Test
    void literalAddressesAreCheckedWithoutAName() {
        DestinationGuard guard = new DestinationGuard(false, InetAddress::getAllByName);

        assertThat(guard.refusal(URI.create("http://127.0.0.1:8080/pb"))).hasValue("refused: 127.0.0.1 is 127.0.0.1, a loopback address");
        assertThat(guard.refusal(URI.create("http://[::1]/pb"))).hasValueSatisfying(r -> assertThat(r).endsWith("a loopback address"));
        assertThat(guard.refusal(URI.create("https://93.184.216.34/pb"))).isEmpty();
    }

    @Test
    void aPublicAddressAndAllowedPrivateOnesPass() {
        assertThat(resolvingTo("93.184.216.34").refusal(URI.create("https://tracker.example/pb"))).isEmpty();
        assertThat(resolvingTo("2606:2800:220:1:248:1893:25c8:1946").refusal(URI.create("https://tracker.example/pb"))).isEmpty();
        assertThat(new DestinationGuard(true, host -> new InetAddress[] {InetAddress.getByName("127.0.0.1")})
                .refusal(URI.create("http://localhost/pb"))).isEmpty();
    }

    @Test
    void onlyHttpAndHttpsAreSentTo() {
        assertThat(resolvingTo("93.184.216.34").refusal(URI.create("ftp://tracker.example/pb"))).isPresent();
    }
}
