package io.postback.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.postback.PostbackProcessor;
import io.postback.PostbackRequest;
import io.postback.PostbackResult;
import io.postback.model.Action;
import io.postback.model.ErrorCode;
import io.postback.model.JournalEntry;
import io.postback.testing.EngineFixture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 item 6: 2,000 postbacks with a wrong token and 7.9 KB of junk each wrote 15.9 MB of
 * journal. A postback that no site authenticated costs a row of at most 512 bytes, and a flood
 * from one address is journaled ten a minute, counted in full, and summed up in one row later.
 */
class UnauthenticatedFloodTest {

    static final int ROW_BYTES = 512;

    final EngineFixture fx = EngineFixture.standard();

    private PostbackResult junk(String address, int i) {
        String query = "token=99-nope&click=c" + i + "&junk=" + "J".repeat(7_500) + "&" + "p".repeat(40) + "=" + "v".repeat(300);
        return fx.handle(PostbackRequest.fromQuery(Action.CREATE, query).withRemoteAddress(address));
    }

    @Test
    void aFloodFromOneAddressWritesTenSmallRowsAMinuteAndIsCounted() throws Exception {
        for (int i = 0; i < 2_000; i++) {
            assertThat(junk("203.0.113.9", i)).isInstanceOfSatisfying(PostbackResult.Rejected.class,
                    r -> assertThat(r.code()).isEqualTo(ErrorCode.TOKEN));
        }

        List<JournalEntry> journal = fx.journal();
        assertThat(journal).hasSize(10);
        int largest = 0;
        for (JournalEntry entry : journal) {
            largest = Math.max(largest, rowBytes(entry));
            assertThat(rowBytes(entry)).as("bytes of %s", entry.params()).isLessThanOrEqualTo(ROW_BYTES);
        }
        System.out.printf("UNAUTHENTICATED postbacks=2000 rows=%d largest_row_bytes=%d%n", journal.size(), largest);
        assertThat(fx.processor.unauthenticatedPostbacks()).isEqualTo(new PostbackProcessor.UnauthenticatedPostbacks(2_000, 1_990));

        fx.clock.advance(Duration.ofMinutes(1));
        junk("203.0.113.9", 2_000);

        List<JournalEntry> later = fx.journal().subList(10, fx.journal().size());
        assertThat(later).hasSize(2);
        assertThat(later.get(0).message()).startsWith("1990 more postbacks from this address that no site authenticated");
        assertThat(later.get(0).remoteAddress()).contains("203.0.113.9");
    }

    @Test
    void eachAddressHasItsOwnAllowanceAndAuthenticatedPostbacksAreNeverHeldBack() {
        for (int i = 0; i < 30; i++) {
            junk("198.51.100." + (i % 3), i);
        }
        for (int i = 0; i < 30; i++) {
            fx.handle(PostbackRequest.fromQuery(Action.CREATE, "token=12-abc&click=ok" + i + "&goal=vip")
                    .withRemoteAddress("198.51.100.0"));
        }

        assertThat(fx.journal()).filteredOn(e -> e.error().orElseThrow() == ErrorCode.TOKEN).hasSize(30);
        assertThat(fx.journal()).filteredOn(e -> e.error().orElseThrow() == ErrorCode.GOAL).hasSize(30);
    }

    @Test
    void anAuthenticatedRejectionKeepsItsParametersInFull() {
        fx.create("token=12-abc&click=c1&goal=vip&note=" + "n".repeat(500));

        assertThat(fx.lastJournal().params().get("note")).containsExactly("n".repeat(500));
    }

    /** The row's text as a store keeps it: the parameters as JSON, the message, the address, the postback id. */
    private static int rowBytes(JournalEntry entry) throws Exception {
        return new ObjectMapper().writeValueAsString(entry.params()).getBytes(StandardCharsets.UTF_8).length
                + entry.message().getBytes(StandardCharsets.UTF_8).length
                + entry.remoteAddress().orElse("").length() + entry.postbackId().length() + 64;
    }
}
