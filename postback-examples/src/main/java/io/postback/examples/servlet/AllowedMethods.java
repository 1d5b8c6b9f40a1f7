package io.postback.examples.servlet;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The HTTP methods a servlet really serves, answered before the servlet runs. Left to itself,
 * {@code HttpServlet} echoes a {@code TRACE} with the request's headers, lists {@code HEAD} and
 * {@code TRACE} under {@code OPTIONS} whatever the servlet does, and refuses other methods without an
 * {@code Allow} header.
 *
 * <p>Here {@code OPTIONS} is answered with exactly these methods and no body, and any other method
 * that is not among them gets 405 with the same {@code Allow} header.
 *
 * @param methods in the order the {@code Allow} header lists them; {@code OPTIONS} is always added
 */
public record AllowedMethods(List<String> methods) {

    public AllowedMethods {
        Objects.requireNonNull(methods, "methods");
        if (methods.contains("TRACE")) {
            throw new IllegalArgumentException("TRACE echoes the request, cookies and credentials included: never allowed");
        }
        List<String> all = new ArrayList<>(methods);
        if (!all.contains("OPTIONS")) {
            all.add("OPTIONS");
        }
        methods = List.copyOf(all);
    }

    public static AllowedMethods of(String... methods) {
        return new AllowedMethods(List.of(methods));
    }

    /** The value of the {@code Allow} header, e.g. {@code GET, POST, OPTIONS}. */
    public String allowHeader() {
        return String.join(", ", methods);
    }

    /**
     * Whether the servlet should serve this request. When not, the answer has been written: the
     * list for {@code OPTIONS}, 405 for a method not in it.
     */
    public boolean admit(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String method = req.getMethod();
        if (method.equals("OPTIONS")) {
            resp.setStatus(HttpServletResponse.SC_OK);
            resp.setHeader("Allow", allowHeader());
            resp.setContentLength(0);
            return false;
        }
        if (methods.contains(method)) {
            return true;
        }
        resp.setHeader("Allow", allowHeader());
        resp.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
        return false;
    }
}
