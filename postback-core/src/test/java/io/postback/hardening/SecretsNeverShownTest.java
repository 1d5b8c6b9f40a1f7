package io.postback.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import io.postback.PostbackProcessor;
import io.postback.PostbackRequest;
import io.postback.PostbackResult;
import io.postback.memory.InMemoryLeadStore;
import io.postback.memory.InMemoryOfferCatalog;
import io.postback.model.Action;
import io.postback.model.ErrorCode;
import io.postback.model.Goal;
import io.postback.model.JournalEntry;
import io.postback.model.Offer;
import io.postback.model.Site;
import io.postback.model.WebmasterRate;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 11 item 7: a key sent under any parameter name ({@code token[]}, {@code token%20}, a
 * Cyrillic look-alike) was journaled in clear. Every value that holds a configured secret (site
 * key, signing secret, global token) is masked, in every name, value and message.
 */
class SecretsNeverShownTest {

    static final String KEY = "k3y-0f-s1te-12-long";
    static final String SIGNING = "s1gning-secret-of-13";
    static final String GLOBAL = "global-token-of-the-host-0123";

    final InMemoryLeadStore store = new InMemoryLeadStore();
    final PostbackProcessor processor = PostbackProcessor.builder(store, catalog()).globalToken(GLOBAL).build();

    static InMemoryOfferCatalog catalog() {
        Offer offer = new Offer(1, "o", Currency.getInstance("EUR"), List.of(Goal.of("reg", "10", WebmasterRate.fixed("4"))), "reg");
        return InMemoryOfferCatalog.builder().offer(offer)
                .site(Site.of(12, 1, KEY))
                .site(Site.of(13, 1, "other-key-13").withSigningSecret(SIGNING))
                .build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"token[]=12-" + KEY, "token%20=12-" + KEY, "tok%D0%B5n=12-" + KEY, "t=" + KEY + "&x=pre" + KEY
            + "post", "token=12-wrong&note=" + SIGNING, "token=12-wrong&" + KEY + "=1", "goal=" + GLOBAL + "&token=12-nope",
            "token=12-" + KEY + "&click=c1&status=" + KEY})
    void noSecretIsJournaledOrAnsweredUnderAnyName(String query) {
        PostbackResult result = processor.handle(PostbackRequest.fromQuery(Action.CREATE, query));

        String journal = store.latestJournal(10).toString();
        assertThat(store.latestJournal(10)).isNotEmpty();
        assertThat(journal).doesNotContain(KEY, SIGNING, GLOBAL);
        assertThat(result.toJson()).doesNotContain(KEY, SIGNING, GLOBAL);
        assertThat(result.isRejected()).isTrue();
    }

    @Test
    void aLookAlikeTokenNameIsAnsweredTokenWithTheSiteIdKeptAndTheKeyMasked() {
        PostbackResult result = processor.handle(PostbackRequest.fromQuery(Action.CREATE, "tok%D0%B5n=12-" + KEY + "&click=c1"));

        assertThat(result).isInstanceOfSatisfying(PostbackResult.Rejected.class, r -> assertThat(r.code()).isEqualTo(ErrorCode.TOKEN));
        JournalEntry entry = store.latestJournal(1).get(0);
        assertThat(entry.params()).containsEntry("tok\u0435n", List.of("12-***"));
    }

    @Test
    void theTokenParameterKeepsItsSiteIdAndAStatusWordHoldingTheKeyIsMaskedInTheMessage() {
        PostbackResult result = processor.handle(PostbackRequest.fromQuery(Action.STATUS,
                "token=12-" + KEY + "&click=c1&status=x" + KEY));

        assertThat(result.toJson()).contains("unknown status").doesNotContain(KEY);
        JournalEntry entry = store.latestJournal(1).get(0);
        assertThat(entry.params()).containsEntry("token", List.of("12-***")).containsEntry("status", List.of("x***"));
        assertThat(entry.message()).doesNotContain(KEY);
    }
}
