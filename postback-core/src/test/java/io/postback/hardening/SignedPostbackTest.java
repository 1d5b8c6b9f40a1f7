package io.postback.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import io.postback.PostbackProcessor;
import io.postback.PostbackRequest;
import io.postback.PostbackResult;
import io.postback.internal.SignatureBase;
import io.postback.internal.ReceivedParamsParser;
import io.postback.memory.InMemoryLeadStore;
import io.postback.memory.InMemoryOfferCatalog;
import io.postback.model.Action;
import io.postback.model.ErrorCode;
import io.postback.model.Goal;
import io.postback.model.Offer;
import io.postback.model.Outcome;
import io.postback.model.Site;
import io.postback.model.WebmasterRate;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class SignedPostbackTest {

    static final String SECRET = "s3cret-signing-key";
    static final Instant NOW = Instant.ofEpochSecond(1_764_000_000L);

    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final InMemoryLeadStore store = new InMemoryLeadStore(100, clock);
    final PostbackProcessor processor = PostbackProcessor.builder(store, catalog()).clock(clock).build();

    static InMemoryOfferCatalog catalog() {
        Offer offer = new Offer(1, "Signed", Currency.getInstance("EUR"),
                List.of(Goal.of("reg", "10", WebmasterRate.fixed("4"))), "reg");
        return InMemoryOfferCatalog.builder().offer(offer)
                .site(Site.of(12, 1, "abc").withSigningSecret(SECRET))
                .build();
    }

    @Test
    void canonicalFormMatchesTheDocumentedSenderRecipe() {
        // SECURITY.md's shell recipe: printf '%s' "$canonical" | openssl dgst -sha256 -hmac "$secret"
        String canonical = SignatureBase.of(ReceivedParamsParser.fromUrlEncoded(
                "token=12-abc&time=1764000000&status=approved&exto=order-42&click=abc+123&sig=ignored"));
        assertThat(canonical).isEqualTo("click=abc%20123&exto=order-42&status=approved&time=1764000000&token=12-abc");
        assertThat(hmac(canonical)).isEqualTo("9187d19194119ab0c308f4f325935b5a6302ab87ebe6759b63e28de7e846b8ea");
    }

    @Test
    void aCorrectlySignedPostbackIsAccepted() {
        PostbackResult result = send(signed("token=12-abc&click=c1&exto=o1&time=" + NOW.getEpochSecond()));
        assertThat(result.outcome()).isEqualTo(Outcome.CREATED);
    }

    @Test
    void aMissingSignatureIsRejected() {
        assertRejected(send("token=12-abc&click=c1&time=" + NOW.getEpochSecond()), "'sig' is missing");
    }

    @Test
    void aTamperedParameterBreaksTheSignature() {
        String signed = signed("token=12-abc&click=c1&exto=o1&time=" + NOW.getEpochSecond());
        assertRejected(send(signed.replace("exto=o1", "exto=o2")), "does not match");
        assertThat(store.leadCount()).isZero();
    }

    @Test
    void aSignatureWithoutTimeOrOutsideTheWindowIsRejected() {
        assertRejected(send(signed("token=12-abc&click=c1")), "needs 'time'");
        long old = NOW.minus(Duration.ofMinutes(6)).getEpochSecond();
        assertRejected(send(signed("token=12-abc&click=c1&time=" + old)), "outside the signature window");
        long future = NOW.plus(Duration.ofMinutes(6)).getEpochSecond();
        assertRejected(send(signed("token=12-abc&click=c1&time=" + future)), "outside the signature window");
    }

    /** Issue 11 item 11: a sender whose first answer was lost sends the same URL again and must not be told it failed. */
    @Test
    void aRepeatOfASignedPostbackGetsTheAnswerOfItsFirstUseAndDoesNothingAgain() {
        String signed = signed("token=12-abc&click=c1&time=" + NOW.getEpochSecond());
        PostbackResult first = send(signed);

        PostbackResult repeat = send(signed);

        assertThat(first.outcome()).isEqualTo(Outcome.CREATED);
        assertThat(repeat.outcome()).isEqualTo(Outcome.CREATED);
        assertThat(repeat.repeat()).isTrue();
        assertThat(repeat.lead()).isEqualTo(first.lead());
        assertThat(repeat.toJson()).contains("\"result\":\"created\"", "\"repeat\":true")
                .contains("\"id\":" + first.lead().orElseThrow().id());
        assertThat(first.toJson()).doesNotContain("repeat");
        assertThat(store.leadCount()).as("a click alone would make a second lead if applied again").isEqualTo(1);
        assertThat(store.latestJournal(10)).extracting(e -> e.outcome()).containsExactly(Outcome.DUPLICATE, Outcome.CREATED);
    }

    @Test
    void aRepeatOfARejectedSignedPostbackGetsTheSameRejectionAndIsNotReplayable() {
        String signed = signed("token=12-abc&click=c1&goal=vip&time=" + NOW.getEpochSecond());
        PostbackResult first = send(signed);

        PostbackResult repeat = send(signed);

        assertThat(first).isInstanceOfSatisfying(PostbackResult.Rejected.class, r -> assertThat(r.code()).isEqualTo(ErrorCode.GOAL));
        assertThat(repeat).isEqualTo(new PostbackResult.Rejected(ErrorCode.GOAL,
                ((PostbackResult.Rejected) first).message(), true));
        assertThat(store.rejectedAfter(0, 10)).as("only the first is there to replay").hasSize(1);
    }

    @Test
    void theSameSignatureOnTheOtherEndpointIsRefused() {
        String signed = signed("token=12-abc&click=c1&exto=o1&status=approved&time=" + NOW.getEpochSecond());
        assertThat(send(signed).outcome()).isEqualTo(Outcome.CREATED);

        PostbackResult onStatus = processor.handle(PostbackRequest.fromQuery(Action.STATUS, signed));

        assertRejected(onStatus, "already used");
        assertThat(onStatus.repeat()).isFalse();
    }

    @Test
    void aSignedPostbackThatMetAStoreFailureMayBeRetriedWithTheSameSignature() {
        java.util.concurrent.atomic.AtomicBoolean failing = new java.util.concurrent.atomic.AtomicBoolean(true);
        io.postback.spi.LeadStore flaky = new io.postback.spi.LeadStore() {
            public java.util.Optional<io.postback.model.Lead> find(io.postback.spi.LeadLookup lookup) {
                return store.find(lookup);
            }

            public io.postback.spi.Insertion insert(io.postback.model.Lead lead, io.postback.spi.Effects effects) {
                if (failing.get()) {
                    throw new io.postback.spi.StoreException("connection reset");
                }
                return store.insert(lead, effects);
            }

            public io.postback.spi.Update update(io.postback.model.Lead lead, io.postback.spi.Effects effects) {
                return store.update(lead, effects);
            }

            public java.util.List<io.postback.model.Lead> dueForRelease(java.time.Instant now, int limit) {
                return store.dueForRelease(now, limit);
            }

            public long capUsed(io.postback.model.CapSlot slot) {
                return store.capUsed(slot);
            }

            public io.postback.model.JournalEntry journal(io.postback.model.JournalEntry entry) {
                return store.journal(entry);
            }

            public java.util.Optional<io.postback.model.JournalEntry> journalEntry(String postbackId) {
                return store.journalEntry(postbackId);
            }
        };
        PostbackProcessor overFlakyStore = PostbackProcessor.builder(flaky, catalog()).clock(clock).seenSignatures(store).build();
        String signed = signed("token=12-abc&click=c1&exto=o1&time=" + NOW.getEpochSecond());

        PostbackResult first = overFlakyStore.handle(PostbackRequest.fromQuery(Action.CREATE, signed));
        failing.set(false);
        PostbackResult retry = overFlakyStore.handle(PostbackRequest.fromQuery(Action.CREATE, signed));

        assertThat(first).isInstanceOfSatisfying(PostbackResult.Rejected.class, r -> assertThat(r.code()).isEqualTo(ErrorCode.STORE));
        assertThat(retry.outcome()).isEqualTo(Outcome.CREATED);
        PostbackResult third = overFlakyStore.handle(PostbackRequest.fromQuery(Action.CREATE, signed));
        assertThat(third.repeat()).isTrue();
        assertThat(third.lead()).isEqualTo(retry.lead());
    }

    @Test
    void explainDoesNotUseUpTheSignature() {
        String signed = signed("token=12-abc&click=c1&time=" + NOW.getEpochSecond());
        assertThat(processor.explain(PostbackRequest.fromQuery(Action.CREATE, signed)).result().outcome())
                .isEqualTo(Outcome.CREATED);
        assertThat(send(signed).outcome()).isEqualTo(Outcome.CREATED);
    }

    @Test
    void theSignatureIsNeverJournaled() {
        String signed = signed("token=12-abc&click=c1&time=" + NOW.getEpochSecond());
        send(signed);
        send(signed.replace("click=c1", "click=c2"));
        String sig = signed.substring(signed.indexOf("sig=") + 4);
        assertThat(store.latestJournal(10)).hasSize(2).allSatisfy(entry -> {
            assertThat(entry.params()).doesNotContainKey("sig");
            assertThat(entry.params().toString()).doesNotContain(sig).doesNotContain("12-abc");
        });
    }

    private PostbackResult send(String query) {
        return processor.handle(PostbackRequest.fromQuery(Action.CREATE, query));
    }

    private static String signed(String query) {
        return query + "&sig=" + hmac(SignatureBase.of(ReceivedParamsParser.fromUrlEncoded(query)));
    }

    private static void assertRejected(PostbackResult result, String messagePart) {
        assertThat(result).isInstanceOfSatisfying(PostbackResult.Rejected.class, r -> {
            assertThat(r.code()).isEqualTo(ErrorCode.SIGNATURE);
            assertThat(r.message()).contains(messagePart).doesNotContain(SECRET);
        });
    }

    static String hmac(String canonical) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
