package io.postback.examples.demo;

import io.postback.examples.servlet.AllowedMethods;
import io.postback.outbound.DeliverySignature;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * {@code /webmaster/postback}: the demo's own webmaster tracker, which answers 200 to a GET or a
 * form POST and keeps it ({@link WebmasterTracker}). The sample catalog's outbound postback is sent
 * here (docs/outbound.md, "The demo").
 */
final class WebmasterTrackerServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final AllowedMethods METHODS = AllowedMethods.of("GET", "POST", "OPTIONS");
    /** A form body larger than this is refused unread. */
    static final int MAX_BODY = 8 * 1024;

    private final transient WebmasterTracker tracker;

    WebmasterTrackerServlet(WebmasterTracker tracker) {
        this.tracker = Objects.requireNonNull(tracker, "tracker");
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
        if (METHODS.admit(req, resp)) {
            super.service(req, resp);
        }
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String query = req.getQueryString();
        tracker.receive("GET", query == null ? "" : query, req.getHeader(DeliverySignature.HEADER));
        ok(resp);
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (req.getContentLengthLong() > MAX_BODY) {
            resp.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
            return;
        }
        // The body as received, before any decoding: the signature is over these bytes (docs/outbound.md).
        byte[] body;
        try (InputStream in = req.getInputStream()) {
            body = in.readNBytes(MAX_BODY + 1);
        }
        if (body.length > MAX_BODY) {
            resp.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
            return;
        }
        tracker.receive("POST", new String(body, StandardCharsets.UTF_8), req.getHeader(DeliverySignature.HEADER));
        ok(resp);
    }

    private static void ok(HttpServletResponse resp) throws IOException {
        byte[] ok = "ok\n".getBytes(StandardCharsets.US_ASCII);
        resp.setStatus(HttpServletResponse.SC_OK);
        resp.setContentType("text/plain;charset=utf-8");
        resp.setHeader("Cache-Control", "no-store");
        resp.setContentLength(ok.length);
        resp.getOutputStream().write(ok);
    }
}
