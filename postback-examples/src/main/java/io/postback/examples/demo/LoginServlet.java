package io.postback.examples.demo;

import io.postback.examples.servlet.AllowedMethods;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /login} (the form, and its POST) and {@code /logout} (POST) of the operator page
 * (docs/operator-page.md, "The login"). The password is never logged; failed attempts are, with the address.
 */
final class LoginServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger("demo");
    static final AllowedMethods METHODS = AllowedMethods.of("GET", "HEAD", "POST", "OPTIONS");

    private final transient OperatorAccess access;

    LoginServlet(OperatorAccess access) {
        this.access = Objects.requireNonNull(access, "access");
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
        if (METHODS.admit(req, resp)) {
            super.service(req, resp);
        }
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if ("/logout".equals(req.getServletPath()) || !access.loginRequired()) {
            redirect(resp, "/");
            return;
        }
        HtmlResponse.send(resp, HttpServletResponse.SC_OK, LoginPage.render(""));
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if ("/logout".equals(req.getServletPath())) {
            access.logOut(req, resp);
            redirect(resp, access.loginRequired() ? "/login" : "/");
            return;
        }
        String attempt = Objects.requireNonNullElse(req.getParameter("password"), "");
        OperatorAccess.Login login = access.logIn(req, resp, attempt);
        if (login == OperatorAccess.Login.IN) {
            LOG.info("operator logged in from {}", req.getRemoteAddr());
            redirect(resp, "/");
        } else if (login == OperatorAccess.Login.TOO_MANY_ATTEMPTS) {
            LOG.warn("operator login refused for {}: too many attempts", req.getRemoteAddr());
            resp.setHeader("Retry-After", "60");
            HtmlResponse.send(resp, 429, LoginPage.render("Too many login attempts from your address: wait a minute."));
        } else {
            LOG.warn("operator login failed from {}", req.getRemoteAddr());
            HtmlResponse.send(resp, HttpServletResponse.SC_UNAUTHORIZED, LoginPage.render("Wrong password."));
        }
    }

    private static void redirect(HttpServletResponse resp, String path) {
        resp.setHeader("Cache-Control", "no-store");
        resp.setStatus(HttpServletResponse.SC_SEE_OTHER);
        resp.setHeader("Location", path);
    }
}
