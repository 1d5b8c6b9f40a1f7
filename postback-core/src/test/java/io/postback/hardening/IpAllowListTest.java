package io.postback.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postback.PostbackProcessor;
import io.postback.PostbackRequest;
import io.postback.PostbackResult;
import io.postback.internal.IpAllowList;
import io.postback.memory.InMemoryLeadStore;
import io.postback.memory.InMemoryOfferCatalog;
import io.postback.model.Action;
import io.postback.model.ErrorCode;
import io.postback.model.Goal;
import io.postback.model.Offer;
import io.postback.model.Outcome;
import io.postback.model.Site;
import io.postback.model.WebmasterRate;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;

class IpAllowListTest {

    @Test
    void singleAddressesAndCidrRangesInBothFamilies() {
        IpAllowList list = IpAllowList.parse(List.of("203.0.113.7", "198.51.100.0/24", "2001:db8::/32", "::1"));
        assertThat(list.allows("203.0.113.7")).isTrue();
        assertThat(list.allows("203.0.113.8")).isFalse();
        assertThat(list.allows("198.51.100.0")).isTrue();
        assertThat(list.allows("198.51.100.255")).isTrue();
        assertThat(list.allows("198.51.101.0")).isFalse();
        assertThat(list.allows("2001:db8:ffff::1")).isTrue();
        assertThat(list.allows("2001:db9::1")).isFalse();
        assertThat(list.allows("::1")).isTrue();
        assertThat(list.allows("[::1]")).isTrue();
        assertThat(list.allows("::ffff:203.0.113.7")).as("IPv4-mapped IPv6").isTrue();
    }

    @Test
    void oddPrefixesMaskTheRightBits() {
        IpAllowList list = IpAllowList.parse(List.of("10.0.0.128/25", "2001:db8:8000::/33"));
        assertThat(list.allows("10.0.0.127")).isFalse();
        assertThat(list.allows("10.0.0.128")).isTrue();
        assertThat(list.allows("10.0.0.255")).isTrue();
        assertThat(list.allows("2001:db8:7fff::1")).isFalse();
        assertThat(list.allows("2001:db8:8000::1")).isTrue();
    }

    @Test
    void hostNamesAndMalformedAddressesAreNeverResolvedOrAllowed() {
        IpAllowList list = IpAllowList.parse(List.of("0.0.0.0/0"));
        assertThat(list.allows("localhost")).isFalse();
        assertThat(list.allows("1.2.3")).isFalse();
        assertThat(list.allows("01.2.3.4")).isFalse();
        assertThat(list.allows("256.1.1.1")).isFalse();
        assertThat(list.allows("")).isFalse();
        assertThatThrownBy(() -> IpAllowList.parse(List.of("example.com"))).hasMessageContaining("example.com");
        assertThatThrownBy(() -> IpAllowList.parse(List.of("10.0.0.0/33"))).hasMessageContaining("prefix");
    }

    @Test
    void aSiteWithAnAllowListRejectsOtherAddressesAndMissingOnes() {
        Offer offer = new Offer(1, "o", Currency.getInstance("EUR"), List.of(Goal.of("reg", "1", WebmasterRate.fixed("1"))), "reg");
        InMemoryOfferCatalog catalog = InMemoryOfferCatalog.builder().offer(offer)
                .site(Site.of(12, 1, "abc").withAllowedSources(List.of("203.0.113.0/24"))).build();
        InMemoryLeadStore store = new InMemoryLeadStore();
        PostbackProcessor processor = PostbackProcessor.builder(store, catalog).build();
        PostbackRequest request = PostbackRequest.fromQuery(Action.CREATE, "token=12-abc&click=c1");

        PostbackResult outside = processor.handle(request.withRemoteAddress("192.0.2.1"));
        PostbackResult unknown = processor.handle(request);
        PostbackResult inside = processor.handle(request.withRemoteAddress("203.0.113.9"));

        assertThat(outside).isInstanceOfSatisfying(PostbackResult.Rejected.class, r -> assertThat(r.code()).isEqualTo(ErrorCode.TOKEN));
        assertThat(unknown).isInstanceOfSatisfying(PostbackResult.Rejected.class, r -> assertThat(r.code()).isEqualTo(ErrorCode.TOKEN));
        assertThat(inside.outcome()).isEqualTo(Outcome.CREATED);
        assertThat(store.leadCount()).isEqualTo(1);
    }

    @Test
    void aBrokenAllowListInTheCatalogAdmitsNobody() {
        Offer offer = new Offer(1, "o", Currency.getInstance("EUR"), List.of(Goal.of("reg", "1", WebmasterRate.fixed("1"))), "reg");
        InMemoryOfferCatalog catalog = InMemoryOfferCatalog.builder().offer(offer)
                .site(Site.of(12, 1, "abc").withAllowedSources(List.of("203.0.113.0/24", "tracker.example.com"))).build();
        InMemoryLeadStore store = new InMemoryLeadStore();
        PostbackProcessor processor = PostbackProcessor.builder(store, catalog).build();

        for (int i = 0; i < 2; i++) { // the second time from the parsed-list cache
            PostbackResult result = processor.handle(
                    PostbackRequest.fromQuery(Action.CREATE, "token=12-abc&click=c1").withRemoteAddress("203.0.113.9"));
            assertThat(result).isInstanceOfSatisfying(PostbackResult.Rejected.class, r -> assertThat(r.code()).isEqualTo(ErrorCode.TOKEN));
        }
        assertThat(store.leadCount()).isZero();
    }
}
