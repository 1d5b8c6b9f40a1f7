package io.postback.examples.demo;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * Who may see the operator page (docs/operator-page.md, "The login"): anyone when the demo listens
 * on loopback without a password; else whoever logged in with the password, holding a session
 * cookie (HttpOnly, SameSite=Strict, Secure over https). Beyond loopback a password is required.
 */
final class OperatorAccess {

    static final String COOKIE = "pb_operator";

    /** What a login attempt came to. */
    enum Login { IN, WRONG_PASSWORD, TOO_MANY_ATTEMPTS }

    private final Optional<OperatorPassword> password;
    private final OperatorSessions sessions;
    private final LoginAttempts attempts;

    OperatorAccess(Optional<OperatorPassword> password, Clock clock) {
        this.password = password;
        this.sessions = new OperatorSessions(clock);
        this.attempts = LoginAttempts.perMinute(clock);
    }

    /**
     * The access of a demo listening on {@code host}, its password from {@code passwordFile} or the environment.
     *
     * @throws IllegalArgumentException beyond loopback without a password, or when the file cannot be read
     */
    static OperatorAccess forServer(String host, Optional<Path> passwordFile, Map<String, String> environment, Clock clock) {
        Optional<OperatorPassword> password = OperatorPassword.configured(passwordFile, environment);
        if (password.isEmpty() && !DemoServer.isLoopback(host)) {
            throw new IllegalArgumentException("--host " + host + " is not a loopback address, and the operator page at / "
                    + "needs a password there: set " + OperatorPassword.ENVIRONMENT + " or pass --operator-password-file FILE "
                    + "(docs/operator-page.md)");
        }
        return new OperatorAccess(password, clock);
    }

    boolean loginRequired() {
        return password.isPresent();
    }

    /** True when the request may see the page; else it is answered with a redirect to the login form. */
    boolean admit(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (password.isEmpty() || session(req).filter(sessions::isOpen).isPresent()) {
            return true;
        }
        resp.setHeader("Cache-Control", "no-store");
        resp.setStatus(HttpServletResponse.SC_SEE_OTHER);
        resp.setHeader("Location", "/login");
        return false;
    }

    /** Checks the password, counted against the client's address; on success the response carries the session cookie. */
    Login logIn(HttpServletRequest req, HttpServletResponse resp, String attempt) {
        if (!attempts.admit(req.getRemoteAddr())) {
            return Login.TOO_MANY_ATTEMPTS;
        }
        if (password.isEmpty() || !password.get().matches(attempt)) {
            return Login.WRONG_PASSWORD;
        }
        resp.addHeader("Set-Cookie", cookie(req, sessions.open(), OperatorSessions.LIFETIME.toSeconds()));
        return Login.IN;
    }

    void logOut(HttpServletRequest req, HttpServletResponse resp) {
        session(req).ifPresent(sessions::close);
        resp.addHeader("Set-Cookie", cookie(req, "", 0));
    }

    private static String cookie(HttpServletRequest req, String value, long maxAgeSeconds) {
        return COOKIE + "=" + value + "; Path=/; Max-Age=" + maxAgeSeconds + "; HttpOnly; SameSite=Strict"
                + (req.isSecure() ? "; Secure" : "");
    }

    private static Optional<String> session(HttpServletRequest req) {
        Cookie[] cookies = req.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie cookie : cookies) {
            if (COOKIE.equals(cookie.getName()) && !cookie.getValue().isEmpty()) {
                return Optional.of(cookie.getValue());
            }
        }
        return Optional.empty();
    }
}
