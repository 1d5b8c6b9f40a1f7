package io.postback.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postback.PostbackProcessor;
import io.postback.PostbackRequest;
import io.postback.PostbackResult;
import io.postback.memory.InMemoryLeadStore;
import io.postback.model.Action;
import io.postback.model.ErrorCode;
import io.postback.model.Outcome;
import io.postback.spi.OfferCatalog;
import io.postback.testing.TestCatalog;
import org.junit.jupiter.api.Test;

/** The host's collaborators may fail; the sender still gets an answer and the postback a journal entry. */
class HostFailureTest {

    final InMemoryLeadStore store = new InMemoryLeadStore();

    @Test
    void aFailingClickResolverIsAStoreFailureNotAnException() {
        PostbackProcessor processor = PostbackProcessor.builder(store, TestCatalog.create())
                .clickResolver(click -> {
                    throw new IllegalStateException("tracker database down");
                }).build();

        PostbackResult result = processor.handle(PostbackRequest.fromQuery(Action.CREATE, "token=12-abc&click=c1"));

        assertThat(result).isInstanceOfSatisfying(PostbackResult.Rejected.class, r -> assertThat(r.code()).isEqualTo(ErrorCode.STORE));
        assertThat(store.latestJournal(1)).singleElement().satisfies(e -> assertThat(e.error()).contains(ErrorCode.STORE));
        assertThat(store.leadCount()).isZero();
    }

    @Test
    void aFailingConverterOrACatalogReturningNullIsAStoreFailure() {
        PostbackProcessor converterDown = PostbackProcessor.builder(store, TestCatalog.create())
                .currencyConverter((from, to, at) -> {
                    throw new IllegalStateException("rates service timeout");
                }).build();
        OfferCatalog broken = new OfferCatalog() {
            public java.util.Optional<io.postback.model.Site> site(long id) {
                return null;
            }

            public java.util.Optional<io.postback.model.Offer> offer(long id) {
                return java.util.Optional.empty();
            }

            public java.util.Optional<io.postback.model.Flow> flow(long id) {
                return java.util.Optional.empty();
            }

            public java.util.Optional<io.postback.model.Flow> flowByCode(String code) {
                return java.util.Optional.empty();
            }
        };

        PostbackResult converted = converterDown.handle(PostbackRequest.fromQuery(Action.CREATE, "token=12-abc&click=c1&pay=5&cc=USD"));
        PostbackResult nullSite = PostbackProcessor.builder(store, broken).build()
                .handle(PostbackRequest.fromQuery(Action.CREATE, "token=12-abc&click=c1"));

        assertThat(converted.isRejected()).isTrue();
        assertThat(((PostbackResult.Rejected) converted).code()).isEqualTo(ErrorCode.STORE);
        assertThat(((PostbackResult.Rejected) nullSite).code()).isEqualTo(ErrorCode.STORE);
        assertThat(store.leadCount()).isZero();
    }

    @Test
    void siteIdsWithLeadingZerosAreNotAnotherSpellingOfTheSite() {
        PostbackProcessor processor = PostbackProcessor.builder(store, TestCatalog.create()).build();
        PostbackResult result = processor.handle(PostbackRequest.fromQuery(Action.CREATE, "token=012-abc&click=c1"));
        assertThat(((PostbackResult.Rejected) result).code()).isEqualTo(ErrorCode.TOKEN);
        assertThat(processor.handle(PostbackRequest.fromQuery(Action.CREATE, "token=12-abc&click=c1")).outcome())
                .isEqualTo(Outcome.CREATED);
    }

    @Test
    void aGlobalTokenMustFitTheTokenParameter() {
        PostbackProcessor.Builder builder = PostbackProcessor.builder(store, TestCatalog.create());
        assertThatThrownBy(() -> builder.globalToken("x".repeat(257))).hasMessageContaining("16 to 256");
        assertThatThrownBy(() -> builder.globalToken("short")).hasMessageContaining("16 to 256");
    }
}
