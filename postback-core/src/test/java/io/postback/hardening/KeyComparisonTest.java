package io.postback.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import io.postback.internal.ConstantTime;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No timing oracle on secrets (rules §2), checked by structure rather than by the clock: the
 * comparison reads the same characters whatever the guess, and the code that compares keys and
 * signatures compares them through {@link ConstantTime} and nothing else.
 */
class KeyComparisonTest {

    static final String KEY = "K7fQ2xWm9Lp4Rz8Tb3Nc";

    /** Guesses that differ from the key in one place, or in length, and the key itself. */
    static Stream<String> guesses() {
        return Stream.of(KEY,
                "X" + KEY.substring(1),
                KEY.substring(0, 10) + "X" + KEY.substring(11),
                KEY.substring(0, KEY.length() - 1) + "X",
                KEY.substring(0, KEY.length() - 1),
                KEY + "X",
                "",
                "X".repeat(KEY.length()),
                KEY + KEY);
    }

    @ParameterizedTest
    @MethodSource("guesses")
    void everyCharacterOfTheGuessIsReadOnceWhereverItDiffers(String guess) {
        CountingChars expected = new CountingChars(KEY);
        CountingChars given = new CountingChars(guess);

        boolean equal = ConstantTime.equals(expected, given);

        assertThat(equal).isEqualTo(KEY.equals(guess));
        assertThat(given.reads).as("reads of the guess, in order").isEqualTo(indexes(guess.length(), guess.length()));
        assertThat(expected.reads).as("reads of the key: as many as the guess has characters")
                .isEqualTo(indexes(guess.length(), KEY.length()));
    }

    @Test
    void theStringComparisonAnswersWhatTheInstrumentedOneDoes() {
        guesses().forEach(guess -> assertThat(ConstantTime.equals(KEY, guess))
                .isEqualTo(ConstantTime.equals(new CountingChars(KEY), new CountingChars(guess))));
    }

    @Test
    void theStringComparisonIsTheInstrumentedOne(@TempDir Path dir) throws IOException {
        String code = disassemble(ConstantTime.class, dir);
        String stringOverload = code.substring(code.indexOf("equals(java.lang.String, java.lang.String)"));
        stringOverload = stringOverload.substring(0, stringOverload.indexOf("return") + "return".length());

        assertThat(stringOverload).contains("Method equals:(Ljava/lang/CharSequence;Ljava/lang/CharSequence;)Z")
                .doesNotContain("String.charAt");
    }

    /** The site's key and the signature are compared by ConstantTime only: no early-exit comparison of any kind. */
    @ParameterizedTest
    @MethodSource("secretComparingClasses")
    void keysAndSignaturesAreComparedInConstantTimeOnly(String className, @TempDir Path dir) throws Exception {
        String code = disassemble(Class.forName(className), dir);

        assertThat(code).contains("Method io/postback/internal/ConstantTime.equals:");
        for (String earlyExit : List.of("String.equals:", "String.equalsIgnoreCase", "String.contentEquals", "String.compareTo",
                "String.regionMatches", "String.startsWith", "String.endsWith", "String.hashCode", "String.matches",
                "java/util/Arrays.equals", "java/util/Objects.equals", "MessageDigest.isEqual", "java/util/Map.get")) {
            assertThat(code).as(className + " must not call " + earlyExit).doesNotContain(earlyExit);
        }
    }

    static Stream<String> secretComparingClasses() {
        return Stream.of("io.postback.internal.Authenticator", "io.postback.internal.SenderChecks");
    }

    private static List<Integer> indexes(int count, int modulo) {
        List<Integer> reads = new ArrayList<>();
        for (int i = 0; i < count && modulo > 0; i++) {
            reads.add(i % modulo);
        }
        return reads;
    }

    /** {@code javap -c -p} of a class, read from its class file. */
    private static String disassemble(Class<?> type, Path dir) throws IOException {
        Path classFile = dir.resolve(type.getSimpleName() + ".class");
        try (InputStream in = Objects.requireNonNull(type.getResourceAsStream(type.getSimpleName() + ".class"), type.getName())) {
            Files.write(classFile, in.readAllBytes());
        }
        ToolProvider javap = ToolProvider.findFirst("javap").orElseThrow(() -> new AssertionError("javap is not available"));
        StringWriter out = new StringWriter();
        int exit = javap.run(new PrintWriter(out), new PrintWriter(out), "-c", "-p", classFile.toString());
        assertThat(exit).as(out.toString()).isZero();
        return out.toString();
    }

    /** A key or guess that records which of its characters were read, in order. */
    private static final class CountingChars implements CharSequence {
        private final String text;
        final List<Integer> reads = new ArrayList<>();

        CountingChars(String text) {
            this.text = text;
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public char charAt(int index) {
            reads.add(index);
            return text.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            throw new UnsupportedOperationException("a comparison has no reason to cut");
        }

        @Override
        public String toString() {
            throw new UnsupportedOperationException("a comparison has no reason to copy");
        }
    }
}
