package io.postback.examples.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Optional;

/**
 * The operator's password (docs/operator-page.md, "The login"): from the environment variable
 * {@value #ENVIRONMENT} or from {@code --operator-password-file}. Only its SHA-256 digest is kept,
 * compared in constant time; it is never logged, and {@link #toString()} does not show it.
 */
final class OperatorPassword {

    static final String ENVIRONMENT = "POSTBACK_OPERATOR_PASSWORD";

    private final byte[] digest;

    private OperatorPassword(String password) {
        if (password.isEmpty()) {
            throw new IllegalArgumentException("the operator password is empty");
        }
        this.digest = sha256(password);
    }

    static OperatorPassword of(String password) {
        return new OperatorPassword(password);
    }

    /**
     * The file's password (its first line) when {@code --operator-password-file} is given, else the
     * environment's, else none.
     *
     * @throws IllegalArgumentException when the file cannot be read or holds no password, naming the file
     */
    static Optional<OperatorPassword> configured(Optional<Path> file, Map<String, String> environment) {
        if (file.isPresent()) {
            return Optional.of(fromFile(file.get()));
        }
        String fromEnvironment = environment.get(ENVIRONMENT);
        return fromEnvironment == null || fromEnvironment.isEmpty() ? Optional.empty() : Optional.of(of(fromEnvironment));
    }

    private static OperatorPassword fromFile(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("--operator-password-file " + file + " cannot be read: " + e.getClass().getSimpleName(), e);
        }
        String firstLine = text.lines().findFirst().orElse("");
        if (firstLine.isEmpty()) {
            throw new IllegalArgumentException("--operator-password-file " + file + " holds no password on its first line");
        }
        return of(firstLine);
    }

    /** Whether {@code attempt} is the password; as long for every attempt of any length. */
    boolean matches(String attempt) {
        return MessageDigest.isEqual(digest, sha256(attempt));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "OperatorPassword[not shown]";
    }
}
