package io.postback.internal;

import io.postback.model.ErrorCode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Strict {@code application/x-www-form-urlencoded} decoding: bad escapes and bad UTF-8 are rejected, never guessed. */
public final class PercentDecoder {

    private PercentDecoder() {
    }

    public static String decode(String s, int from, int to) throws Rejection {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '%' || c == '+' || c >= 0x80) {
                return decodeEscaped(s, from, to);
            }
        }
        return s.substring(from, to);
    }

    private static String decodeEscaped(String s, int from, int to) throws Rejection {
        byte[] bytes = new byte[(to - from) + 8];
        int n = 0;
        boolean ascii = true;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (bytes.length - n < 4) {
                bytes = Arrays.copyOf(bytes, bytes.length * 2);
            }
            if (c == '+') {
                bytes[n++] = ' ';
            } else if (c == '%') {
                int b = i + 2 < to ? (hex(s.charAt(i + 1)) << 4) | hex(s.charAt(i + 2)) : -1;
                if (b < 0) {
                    throw new Rejection(ErrorCode.PARAM, "malformed percent-encoding in a parameter");
                }
                ascii &= b < 0x80;
                bytes[n++] = (byte) b;
                i += 2;
            } else if (c < 0x80) {
                bytes[n++] = (byte) c;
            } else {
                // A raw non-ASCII character (a client that did not encode): keep it as its UTF-8.
                int cp = Character.codePointAt(s, i);
                if (cp <= 0xFFFF && Character.isSurrogate((char) cp)) {
                    throw new Rejection(ErrorCode.PARAM, "unpaired surrogate in a parameter");
                }
                byte[] utf8 = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                System.arraycopy(utf8, 0, bytes, n, utf8.length);
                n += utf8.length;
                i += Character.charCount(cp) - 1;
                ascii = false;
            }
        }
        return ascii ? new String(bytes, 0, n, StandardCharsets.ISO_8859_1) : strictUtf8(bytes, n);
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1 << 8;
    }

    /** Decodes UTF-8, rejecting malformed sequences, overlongs and encoded surrogates. */
    public static String strictUtf8(byte[] bytes, int length) throws Rejection {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, length))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new Rejection(ErrorCode.PARAM, "a parameter is not valid UTF-8");
        }
    }
}
