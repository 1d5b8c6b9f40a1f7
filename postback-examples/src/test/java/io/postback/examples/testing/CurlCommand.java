package io.postback.examples.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A curl line of docs/walkthrough.md, parsed so that a test sends exactly what the reader would: {@code curl [-g]
 * [-H 'Content-Type: t'] [-d 'body'] 'url'}. Only the forms the walkthrough uses are understood;
 * anything else fails the test that uses it.
 */
public record CurlCommand(String method, String pathAndQuery, Optional<String> contentType, Optional<String> body) {

    private static final String HOST = "localhost:8080";

    public CurlCommand {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(pathAndQuery, "pathAndQuery");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
    }

    public static CurlCommand parse(String line) {
        List<String> words = words(line);
        if (words.isEmpty() || !words.get(0).equals("curl")) {
            throw new IllegalArgumentException("not a curl line: " + line);
        }
        String url = null;
        Optional<String> contentType = Optional.empty();
        Optional<String> body = Optional.empty();
        for (int i = 1; i < words.size(); i++) {
            String word = words.get(i);
            switch (word) {
                case "-g" -> { }
                case "-d" -> body = Optional.of(words.get(++i));
                case "-H" -> contentType = Optional.of(contentType(words.get(++i), line));
                default -> {
                    if (word.startsWith("-") || url != null) {
                        throw new IllegalArgumentException("unsupported curl argument '" + word + "' in: " + line);
                    }
                    url = word;
                }
            }
        }
        if (url == null || !url.startsWith(HOST + "/")) {
            throw new IllegalArgumentException("the URL must start with " + HOST + "/ in: " + line);
        }
        if (body.isPresent() && contentType.isEmpty()) {
            contentType = Optional.of("application/x-www-form-urlencoded"); // what curl -d sends
        }
        return new CurlCommand(body.isPresent() ? "POST" : "GET", url.substring(HOST.length()), contentType, body);
    }

    private static String contentType(String header, String line) {
        String prefix = "Content-Type: ";
        if (!header.startsWith(prefix)) {
            throw new IllegalArgumentException("only a Content-Type header is supported in: " + line);
        }
        return header.substring(prefix.length());
    }

    /** Splits on spaces outside single quotes, as a shell would for these lines. */
    private static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        boolean inWord = false;
        for (char c : line.trim().toCharArray()) {
            if (c == '\'') {
                quoted = !quoted;
                inWord = true;
            } else if (c == ' ' && !quoted) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("unbalanced quote in: " + line);
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
