package io.postback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postback.memory.InMemoryOfferCatalog;
import io.postback.model.ErrorCode;
import io.postback.model.EventType;
import io.postback.model.Goal;
import io.postback.model.LeadEvent;
import io.postback.model.Offer;
import io.postback.model.Outcome;
import io.postback.model.WebmasterRate;
import io.postback.testing.EngineFixture;
import io.postback.testing.TestCatalog;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Rules §11: an offer's declared fields, kept by its leads. */
class LeadFieldsTest {

    final List<LeadEvent> events = new ArrayList<>();
    final EngineFixture f = EngineFixture.standard().sameStore(TestCatalog.create(List.of("adv1", "sub1", "country")),
            b -> b.eventListener(events::add));

    @Test
    void aCreateKeepsTheDeclaredFieldsItCarriesAndTheAnswerListsThemByName() {
        PostbackResult created = f.create("token=12-abc&click=c1&exto=e1&sub1=s-1&adv1=a%20b&undeclared=x");

        assertThat(created.outcome()).isEqualTo(Outcome.CREATED);
        assertThat(f.leadOf(created).state().fields()).containsExactly(Map.entry("adv1", "a b"), Map.entry("sub1", "s-1"));
        assertThat(created.toJson()).contains("\"fields\":{\"adv1\":\"a b\",\"sub1\":\"s-1\"}");
        assertThat(events).filteredOn(e -> e.type() == EventType.CREATED).singleElement()
                .satisfies(e -> assertThat(e.fields()).containsEntry("adv1", "a b").containsEntry("sub1", "s-1"));
    }

    @Test
    void aStatusOverwritesTheFieldsItCarriesAndKeepsTheOthers() {
        f.create("token=12-abc&click=c1&exto=e1&sub1=s-1&adv1=a");

        PostbackResult changed = f.status("token=12-abc&click=c1&exto=e1&adv1=b&country=DE");
        PostbackResult again = f.status("token=12-abc&click=c1&exto=e1&adv1=b");

        assertThat(changed.outcome()).as("a field alone is a change").isEqualTo(Outcome.UPDATED);
        assertThat(f.leadOf(changed).state().fields()).containsExactly(Map.entry("adv1", "b"), Map.entry("country", "DE"),
                Map.entry("sub1", "s-1"));
        assertThat(again.outcome()).isEqualTo(Outcome.UNCHANGED);
    }

    @Test
    void explainSaysWhichFieldsThePostbackKeeps() {
        Explanation explanation = f.processor.explain(io.postback.testing.Postbacks.create(
                "token=12-abc&click=c1&exto=e1&sub1=s&adv1=a"));

        assertThat(explanation.steps()).anySatisfy(step -> {
            assertThat(step.step()).isEqualTo("fields");
            assertThat(step.detail()).isEqualTo("keeps the declared fields adv1, sub1");
        });
    }

    @Test
    void aLeadWithoutFieldsAnswersWithoutTheKeyAndAnEmptyValueIsAbsent() {
        PostbackResult created = f.create("token=12-abc&click=c1&exto=e1&adv1=");

        assertThat(created.toJson()).doesNotContain("fields");
        assertThat(f.leadOf(created).state().fields()).isEmpty();
    }

    @Test
    void anOfferWithoutDeclaredFieldsKeepsNone() {
        EngineFixture plain = EngineFixture.standard();

        PostbackResult created = plain.create("token=12-abc&click=c1&exto=e1&adv1=a");

        assertThat(plain.leadOf(created).state().fields()).isEmpty();
        assertThat(plain.store.latestJournal(1).get(0).params()).containsKey("adv1");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "adv1=a%01b                    | parameter 'adv1' contains a control character",
        "sub1=%7Bsub1%7D               | parameter 'sub1' holds the unsubstituted macro {sub1}",
        "adv1=a&adv1=b                 | parameter 'adv1' is repeated with different values",
        "adv1=a&adv1=                  | parameter 'adv1' is repeated with different values",
    })
    void aBadFieldIsAParamRejectionNamingIt(String fields, String message) {
        PostbackResult result = f.create("token=12-abc&click=c1&exto=e1&" + fields.trim());

        assertThat(result).isInstanceOfSatisfying(PostbackResult.Rejected.class, r -> {
            assertThat(r.code()).isEqualTo(ErrorCode.PARAM);
            assertThat(r.message()).contains(message.trim());
        });
        assertThat(f.store.leadCount()).isZero();
    }

    @Test
    void aFieldValueOverTheLimitIsRefused() {
        PostbackResult result = f.create("token=12-abc&click=c1&exto=e1&country=" + "x".repeat(256));

        assertThat(result).isInstanceOfSatisfying(PostbackResult.Rejected.class,
                r -> assertThat(r.message()).contains("'country' is longer than 255 characters"));
        assertThat(f.create("token=12-abc&click=c1&exto=e1&country=" + "x".repeat(255)).outcome()).isEqualTo(Outcome.CREATED);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Adv1      | field name 'Adv1' must match",
        "1st       | field name '1st' must match",
        "click     | field name 'click' is a postback parameter",
        "sig       | field name 'sig' is a postback parameter",
    })
    void aBadDeclarationFailsTheCatalogNamingTheOfferAndTheField(String name, String message) {
        assertThatThrownBy(() -> offer(List.of("adv1", name.trim()))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("offer 7: " + message.trim());
        assertThatThrownBy(() -> json("{\"offers\": [{\"id\": 7, \"currency\": \"EUR\", \"fields\": [\"" + name.trim()
                + "\"], \"goals\": [{\"id\": \"g\", \"payout\": 1, \"commission\": {\"fixed\": 1}}]}]}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("offer 7: " + message.trim());
    }

    @Test
    void atMostSixteenDistinctFields() {
        assertThatThrownBy(() -> offer(IntStream.range(0, 17).mapToObj(i -> "f" + i).toList()))
                .hasMessageContaining("offer 7: at most 16 fields, not 17");
        assertThatThrownBy(() -> offer(List.of("adv1", "adv1"))).hasMessageContaining("offer 7: field 'adv1' is declared twice");
        assertThat(offer(IntStream.range(0, 16).mapToObj(i -> "f" + i).toList()).fields()).hasSize(16);
    }

    private static Offer offer(List<String> fields) {
        return new Offer(7, "o", Currency.getInstance("EUR"), List.of(Goal.of("g", "1", WebmasterRate.fixed("1"))), "g", fields);
    }

    private static InMemoryOfferCatalog json(String document) throws Exception {
        return InMemoryOfferCatalog.fromJson(new ByteArrayInputStream(document.getBytes(StandardCharsets.UTF_8)));
    }
}
