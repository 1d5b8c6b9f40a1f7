package io.postback.examples.demo;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Sends a page of the operator's window with its strict headers (docs/operator-page.md, "What is never shown"). */
final class HtmlResponse {

    private HtmlResponse() {
    }

    static void send(HttpServletResponse resp, int status, String html) throws IOException {
        byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
        resp.setStatus(status);
        resp.setContentType("text/html;charset=utf-8");
        resp.setHeader("Cache-Control", "no-store");
        // Every value on the page comes from senders: escaped, and no script may run even if one slipped through.
        resp.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'");
        resp.setHeader("X-Content-Type-Options", "nosniff");
        resp.setHeader("Referrer-Policy", "no-referrer");
        resp.setHeader("X-Frame-Options", "DENY");
        resp.setContentLength(bytes.length);
        resp.getOutputStream().write(bytes);
    }
}
