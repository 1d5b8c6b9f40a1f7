package io.postback;

import static org.assertj.core.api.Assertions.assertThat;

import io.postback.internal.ConstantTime;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Rules §2: the constant-time comparison of token keys answers exactly what {@code equals} answers. */
class TokenComparisonProperties {

    @Property(tries = 1000)
    void constantTimeEqualsIsEquals(@ForAll("keys") String expected, @ForAll("keys") String given) {
        assertThat(ConstantTime.equals(expected, given)).isEqualTo(expected.equals(given));
    }

    @Property(tries = 500)
    void aKeyEqualsItselfButNoPrefixExtensionOrOneCharacterChange(@ForAll("keys") String key, @ForAll char c) {
        assertThat(ConstantTime.equals(key, new String(key))).isTrue();
        assertThat(ConstantTime.equals(key, key + c)).isFalse();
        assertThat(ConstantTime.equals(key + c, key)).isFalse();
        if (!key.isEmpty()) {
            char changed = key.charAt(key.length() - 1) == c ? (char) (c + 1) : c;
            assertThat(ConstantTime.equals(key, key.substring(0, key.length() - 1) + changed)).isFalse();
            assertThat(ConstantTime.equals(key, key + key)).isFalse();
        }
    }

    @Provide
    Arbitrary<String> keys() {
        return Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(12),
                Arbitraries.strings().withChars("ab").ofMaxLength(6));
    }
}
