package io.postback;

import static org.assertj.core.api.Assertions.assertThat;

import io.postback.memory.InMemoryOfferCatalog;
import io.postback.model.Action;
import io.postback.model.ErrorCode;
import io.postback.model.Lead;
import io.postback.model.Outcome;
import io.postback.model.Site;
import io.postback.model.Status;
import io.postback.testing.EngineFixture;
import io.postback.testing.StoreSnapshot;
import io.postback.testing.TestCatalog;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Rules §4: status words, override lists, site aliases and the built-in dictionary. */
class StatusResolutionTest {

    private final EngineFixture fx = EngineFixture.standard();

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The status a CREATE of site 13 (which has no aliases) gets with these parameters. */
    private Status createdStatus(String params) {
        PostbackResult result = fx.create("token=13-xyz&click=c&" + params);
        assertThat(result.outcome()).as(params + " -> " + result.toJson()).isEqualTo(Outcome.CREATED);
        return fx.leadOf(result).status();
    }

    @Nested
    class BuiltInDictionary {

        // The table of rules §4, word by word.
        @ParameterizedTest(name = "{0} is {1}")
        @CsvSource({
            "new, NEW", "create, NEW", "created, NEW",
            "wait, WAIT", "waiting, WAIT", "pending, WAIT", "processing, WAIT", "process, WAIT", "inprogress, WAIT",
            "callback, WAIT", "review, WAIT",
            "hold, HOLD", "onhold, HOLD", "held, HOLD", "delayed, HOLD",
            "approve, APPROVE", "approved, APPROVE", "accept, APPROVE", "accepted, APPROVE", "confirm, APPROVE",
            "confirmed, APPROVE", "success, APPROVE", "sale, APPROVE", "paid, APPROVE", "complete, APPROVE",
            "completed, APPROVE", "done, APPROVE", "valid, APPROVE", "ok, APPROVE",
            "cancel, CANCEL", "cancelled, CANCEL", "canceled, CANCEL", "decline, CANCEL", "declined, CANCEL",
            "reject, CANCEL", "rejected, CANCEL", "refuse, CANCEL", "refused, CANCEL", "denied, CANCEL", "fail, CANCEL",
            "failed, CANCEL", "refund, CANCEL", "refunded, CANCEL", "chargeback, CANCEL",
            "trash, TRASH", "invalid, TRASH", "fraud, TRASH", "spam, TRASH", "bad, TRASH", "wrong, TRASH",
            "error, TRASH", "fake, TRASH", "test, TRASH", "duplicate, TRASH",
        })
        void everyWordOfTheSpec(String word, Status expected) {
            assertThat(createdStatus("status=" + word)).isEqualTo(expected);
        }

        @ParameterizedTest(name = "{0} is {1}")
        @CsvSource(delimiter = ';', value = {
            "APPROVED; APPROVE", "Approved!; APPROVE", " ok ; APPROVE", "in progress; WAIT", "In_Progress; WAIT",
            "on-hold; HOLD", "ON HOLD; HOLD", "Charge-Back; CANCEL", "call.back; WAIT", "«Declined»; CANCEL"})
        void wordsAreNormalisedBeforeLookup(String word, Status expected) {
            assertThat(createdStatus("status=" + enc(word))).isEqualTo(expected);
        }

        @Test
        void normalisationDoesNotDependOnTheDefaultLocale() {
            Locale saved = Locale.getDefault();
            Locale.setDefault(Locale.forLanguageTag("tr-TR"));
            try {
                // with Turkish rules, "INVALID".toLowerCase() would be "ınvalıd" (dotless i)
                assertThat(createdStatus("status=INVALID")).isEqualTo(Status.TRASH);
            } finally {
                Locale.setDefault(saved);
            }
        }

        @Test
        void aCreateWithoutStatusIsNew() {
            assertThat(createdStatus("goal=lead")).isEqualTo(Status.NEW);
        }
    }

    @Nested
    class OverrideLists {

        @ParameterizedTest(name = "{0} makes {1}")
        @CsvSource({"sta, APPROVE", "stc, CANCEL", "stt, TRASH", "sth, HOLD", "stw, WAIT", "stn, NEW"})
        void eachListGivesItsStatus(String list, Status expected) {
            assertThat(createdStatus("status=lead_x&" + list + "=lead_x")).isEqualTo(expected);
        }

        @ParameterizedTest(name = "{0} makes {1}")
        @CsvSource({"sta, APPROVE", "stc, CANCEL", "stt, TRASH", "sth, HOLD", "stw, WAIT"})
        void eachListWorksOnTheStatusPostback(String list, Status expected) {
            fx.create("token=13-xyz&click=l1");

            PostbackResult result = fx.status("token=13-xyz&click=l1&status=custom&" + list + "=custom");

            assertThat(fx.leadOf(result).status()).isEqualTo(expected);
        }

        @Test
        void aListOverridesTheDictionary() {
            assertThat(createdStatus("status=ok&stc=ok")).isEqualTo(Status.CANCEL);
            assertThat(createdStatus("status=approved&stt=approved")).isEqualTo(Status.TRASH);
        }

        @Test
        void aListOverridesTheSiteAliases() {
            // site 12 has lead_ok -> approve
            Lead lead = fx.leadOf(fx.create("token=12-abc&click=l2&status=lead_ok&stc=lead_ok"));

            assertThat(lead.status()).isEqualTo(Status.CANCEL);
        }

        @Test
        void itemsAreCommaSeparatedAndEmptyItemsIgnored() {
            assertThat(createdStatus("status=b2&sta=" + enc(",a1,,b2 , c3,"))).isEqualTo(Status.APPROVE);
            assertThat(createdStatus("status=c3&sta=" + enc(",a1,,b2 , c3,"))).isEqualTo(Status.APPROVE);
        }

        @Test
        void anEmptyItemMatchesNothing() {
            PostbackResult result = fx.create("token=13-xyz&click=c&status=" + enc("--") + "&sta=" + enc(",,"));

            assertThat(((PostbackResult.Rejected) result).code()).isEqualTo(ErrorCode.STATUS);
        }

        @Test
        void itemsAreNormalisedLikeTheWord() {
            assertThat(createdStatus("status=LEADOK&sta=Lead_OK")).isEqualTo(Status.APPROVE);
            assertThat(createdStatus("status=" + enc("lead ok") + "&sta=lead-ok")).isEqualTo(Status.APPROVE);
        }

        @Test
        void aWordThatMatchesNoListFallsBackToTheDictionary() {
            assertThat(createdStatus("status=declined&sta=lead_ok&stc=lead_no")).isEqualTo(Status.CANCEL);
        }

        @ParameterizedTest(name = "in {0} and {1}: {2}")
        @CsvSource({
            "sta, stc, APPROVE", "stc, stt, CANCEL", "stt, sth, TRASH", "sth, stw, HOLD", "stw, stn, WAIT",
            "stn, sta, APPROVE", "stn, sth, HOLD"})
        void aWordInSeveralListsTakesTheFirstInTheOrderStaStcSttSthStwStn(String a, String b, Status expected) {
            assertThat(createdStatus("status=w&" + a + "=w&" + b + "=x,w")).isEqualTo(expected);
        }

        @Test
        void aListWithoutAStatusChangesNothing() {
            long id = fx.create("token=13-xyz&click=l3").lead().orElseThrow().id();

            PostbackResult result = fx.status("token=13-xyz&click=l3&sta=ok&goal=lead&comment=x");

            assertThat(result.outcome()).isEqualTo(Outcome.UPDATED);
            assertThat(fx.lead(id).status()).isEqualTo(Status.NEW);
        }
    }

    @Nested
    class SiteAliases {

        private final InMemoryOfferCatalog catalog = InMemoryOfferCatalog.builder()
                .offer(TestCatalog.create().offer(1).orElseThrow())
                .site(Site.of(14, 1, "k14").withStatusAliases(Map.of("ok", Status.HOLD, "Paid Out", Status.APPROVE)))
                .build();
        private final EngineFixture aliased = EngineFixture.standard().sameStore(catalog, b -> { });

        @Test
        void theSitesAliasesAreConfiguredOnceInsteadOfInEveryUrl() {
            assertThat(fx.leadOf(fx.create("token=12-abc&click=a1&status=lead_ok")).status()).isEqualTo(Status.APPROVE);
            assertThat(fx.leadOf(fx.create("token=12-abc&click=a2&status=In-Review")).status()).isEqualTo(Status.WAIT);
        }

        @Test
        void anAliasOverridesTheDictionary() {
            assertThat(aliased.leadOf(aliased.create("token=14-k14&click=a3&status=OK")).status()).isEqualTo(Status.HOLD);
        }

        @Test
        void aliasesAreNormalisedLikeTheWord() {
            assertThat(aliased.leadOf(aliased.create("token=14-k14&click=a4&status=paid_out")).status())
                    .isEqualTo(Status.APPROVE);
            assertThat(aliased.leadOf(aliased.create("token=14-k14&click=a5&status=PAIDOUT")).status())
                    .isEqualTo(Status.APPROVE);
        }

        @Test
        void aSitesAliasesDoNotApplyToAnotherSite() {
            PostbackResult result = fx.create("token=13-xyz&click=a6&status=lead_ok");

            assertThat(((PostbackResult.Rejected) result).code()).isEqualTo(ErrorCode.STATUS);
        }
    }

    @Nested
    class UnknownWords {

        @ParameterizedTest
        @ValueSource(strings = {"lead_maybe", "approvedd", "---", "%20%20", "ok%2Cfine"})
        void anUnknownWordIsAStatusErrorNamingIt(String word) {
            PostbackResult result = fx.create("token=13-xyz&click=u1&status=" + word);

            PostbackResult.Rejected r = (PostbackResult.Rejected) result;
            assertThat(r.code()).isEqualTo(ErrorCode.STATUS);
            assertThat(r.message()).contains(java.net.URLDecoder.decode(word, StandardCharsets.UTF_8));
            assertThat(fx.leads()).isEmpty();
        }

        @Test
        void anUnknownWordChangesNothingOnAnExistingLead() {
            fx.create("token=13-xyz&click=u2&goal=lead");
            StoreSnapshot before = fx.snapshot();

            PostbackResult result = fx.handle(PostbackRequest.fromQuery(Action.STATUS,
                    "token=13-xyz&click=u2&status=lead_maybe&pay=100&comment=x"));

            assertThat(((PostbackResult.Rejected) result).code()).isEqualTo(ErrorCode.STATUS);
            assertThat(fx.snapshot().sameLeadsAs(before)).isTrue();
        }
    }

    @Nested
    class WithoutAStatus {

        @Test
        void aStatusPostbackWithoutStatusChangesOnlyGoalAndMoney() {
            long id = fx.create("token=12-abc&click=w1&status=pending").lead().orElseThrow().id();

            PostbackResult result = fx.status("token=12-abc&click=w1&goal=dep&pay=60");

            assertThat(result.outcome()).isEqualTo(Outcome.UPDATED);
            Lead lead = fx.lead(id);
            assertThat(lead.status()).isEqualTo(Status.WAIT);
            assertThat(lead.state().goal()).isEqualTo("dep");
            assertThat(lead.state().payout().amount()).isEqualByComparingTo("60");
        }

        @Test
        void theStatusALeadAlreadyHasIsUnchangedAndWritesOnlyItsJournalEntry() {
            long id = fx.create("token=12-abc&click=w2&status=approved").lead().orElseThrow().id();
            StoreSnapshot before = fx.snapshot();

            PostbackResult result = fx.status("token=12-abc&click=w2&status=confirmed");

            assertThat(result.outcome()).isEqualTo(Outcome.UNCHANGED);
            assertThat(result.lead()).contains(fx.lead(id));
            StoreSnapshot after = fx.snapshot();
            assertThat(after.sameLeadsAs(before)).isTrue();
            assertThat(after.journalSize()).isEqualTo(before.journalSize() + 1);
            assertThat(fx.lastJournal().outcome()).isEqualTo(Outcome.UNCHANGED);
        }

        @Test
        void aStatusPostbackWithNothingToChangeIsUnchanged() {
            fx.create("token=12-abc&click=w3");

            assertThat(fx.status("token=12-abc&click=w3").outcome()).isEqualTo(Outcome.UNCHANGED);
            assertThat(fx.status("token=12-abc&click=w3&goal=REG").outcome()).isEqualTo(Outcome.UNCHANGED);
        }
    }
}
