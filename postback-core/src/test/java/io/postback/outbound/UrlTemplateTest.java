package io.postback.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postback.model.UrlTemplate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Rules §15: templates are checked at load, and every value is percent-encoded when rendered. */
class UrlTemplateTest {

    @Test
    void hostileValuesArePercentEncodedAndNeverSplitTheRequest() {
        UrlTemplate t = UrlTemplate.parse("https://t.example/pb?cid={click}&s={status}&x={field.sub1}", List.of("sub1"), "postback 1");

        String url = t.render(Map.of("click", "a&b=c#d", "status", "approve", "field.sub1", "x\r\nHost: evil\u0000é"));

        assertThat(url).isEqualTo("https://t.example/pb?cid=a%26b%3Dc%23d&s=approve&x=x%0D%0AHost%3A%20evil%00%C3%A9");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "https://t.example/pb?p={payout}|postback 1: unknown macro {payout}",
            "https://t.example/pb?x={field.country}|postback 1: macro {field.country} names no declared field",
            "ftp://t.example/pb?c={click}|postback 1: the url must be http or https",
            "https://{click}.example/pb|postback 1: macros may not be in the url's scheme or host",
            "https://t.example/pb?c={click|postback 1: an unclosed '{' in the url",
            "https://t.example/pb#{click}|postback 1: the url must not have a fragment",
            "/relative?c={click}|postback 1: the url must be http or https",
            "https://user@t.example/pb|postback 1: the url needs a host (and no user info)",
    })
    void aBadTemplateFailsTheLoadNamingThePostbackAndTheMacro(String url, String message) {
        assertThatThrownBy(() -> UrlTemplate.parse(url, List.of("sub1"), "postback 1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(message);
    }
}
