package io.postback.examples.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class TokenSiteIdTest {

    private static final byte[] NO_BODY = new byte[0];

    @Test
    void the_digits_before_the_dash_of_the_token() {
        assertThat(TokenSiteId.find("token=12-abc&click=x", NO_BODY, false)).isEqualTo(OptionalLong.of(12));
        assertThat(TokenSiteId.find("?click=x&token=34%2Dkey", NO_BODY, false)).isEqualTo(OptionalLong.of(34));
        assertThat(TokenSiteId.find("", utf8("click=x&token=56-k"), false)).isEqualTo(OptionalLong.of(56));
        assertThat(TokenSiteId.find("", utf8("{\"click\":\"x\", \"token\" : \"78-k\"}"), true)).isEqualTo(OptionalLong.of(78));
    }

    @Test
    void nothing_when_there_is_no_site_token() {
        assertThat(TokenSiteId.find("click=x", NO_BODY, false)).isEmpty();
        assertThat(TokenSiteId.find("xtoken=12-abc", NO_BODY, false)).isEmpty();
        assertThat(TokenSiteId.find("token=abc-12", NO_BODY, false)).isEmpty();
        assertThat(TokenSiteId.find("token=a-global-key-without-site", NO_BODY, false)).isEmpty();
        assertThat(TokenSiteId.find("", utf8("{\"token\":12}"), true)).isEmpty();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
