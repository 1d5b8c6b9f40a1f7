package io.postback.examples.security;

import io.postback.examples.testing.HttpTestClient;
import io.postback.examples.testing.HttpTestClient.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * How a test's parameters go over the wire. A value is the bytes the sender means, so that invalid
 * UTF-8 can be sent as exactly that: percent-encoded byte for byte in a query or form body, raw
 * inside a JSON string.
 */
enum Wire {
    QUERY {
        @Override
        Response send(HttpTestClient http, String path, List<Param> params) {
            return http.get(path + "?" + urlEncoded(params));
        }
    },
    FORM {
        @Override
        Response send(HttpTestClient http, String path, List<Param> params) {
            return http.post(path, "application/x-www-form-urlencoded", urlEncoded(params).getBytes(StandardCharsets.US_ASCII));
        }
    },
    JSON {
        @Override
        Response send(HttpTestClient http, String path, List<Param> params) {
            return http.post(path, "application/json", json(params));
        }
    };

    /** One name and value as the sender means them. */
    record Param(String name, byte[] value) {
        static Param of(String name, String value) {
            return new Param(name, value.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String toString() {
            return name + "=" + (value.length > 40 ? value.length + " bytes" : new String(value, StandardCharsets.UTF_8));
        }
    }

    abstract Response send(HttpTestClient http, String path, List<Param> params);

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    static String urlEncoded(List<Param> params) {
        StringBuilder out = new StringBuilder();
        for (Param p : params) {
            out.append(out.length() > 0 ? "&" : "");
            encode(out, p.name().getBytes(StandardCharsets.UTF_8));
            out.append('=');
            encode(out, p.value());
        }
        return out.toString();
    }

    private static void encode(StringBuilder out, byte[] bytes) {
        for (byte b : bytes) {
            int c = b & 0xFF;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
    }

    /** A flat JSON object; control characters escaped, every other byte as it is (invalid UTF-8 stays invalid). */
    static byte[] json(List<Param> params) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write('{');
        for (int i = 0; i < params.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            string(out, params.get(i).name().getBytes(StandardCharsets.UTF_8));
            out.write(':');
            string(out, params.get(i).value());
        }
        out.write('}');
        return out.toByteArray();
    }

    private static void string(ByteArrayOutputStream out, byte[] bytes) {
        out.write('"');
        for (byte b : bytes) {
            int c = b & 0xFF;
            if (c == '"' || c == '\\') {
                out.write('\\');
                out.write(c);
            } else if (c < 0x20) {
                out.writeBytes(String.format("\\u%04x", c).getBytes(StandardCharsets.US_ASCII));
            } else {
                out.write(c);
            }
        }
        out.write('"');
    }

    static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /**
     * A GET whose request line is larger than the server accepts. The answer is read while the
     * request is still being written: the server answers and closes before reading all of it.
     */
    static Response oversizedGet(int port, String target) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            socket.setSoTimeout(30_000);
            InputStream in = socket.getInputStream();
            CompletableFuture<byte[]> answer = CompletableFuture.supplyAsync(() -> {
                try {
                    return in.readAllBytes();
                } catch (IOException e) {
                    throw new IllegalStateException("no answer to the oversized request", e);
                }
            });
            try {
                OutputStream out = socket.getOutputStream();
                out.write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (IOException e) {
                // Expected: the server stopped reading once the request line was too long.
            }
            String text = new String(answer.get(30, TimeUnit.SECONDS), StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            String contentType = text.lines().filter(l -> l.toLowerCase(Locale.ROOT).startsWith("content-type:"))
                    .map(l -> l.substring("content-type:".length()).trim()).findFirst().orElse("");
            return new Response(Integer.parseInt(text.split(" ", 3)[1]), contentType, end < 0 ? "" : text.substring(end + 4));
        } catch (Exception e) {
            throw new IllegalStateException("oversized request failed", e);
        }
    }
}
