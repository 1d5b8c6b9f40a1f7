package io.postback.examples.docs;

// docs/servlet.md, "The adapter": the essentials of PostbackServlet, to copy (ServletSnippetsTest runs it).
// tag::copy[]
import io.postback.PostbackProcessor;
import io.postback.PostbackRequest;
import io.postback.PostbackResult;
import io.postback.model.Action;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

/** One postback endpoint: init parameter action=create for /api/site/click.json, action=status for /api/site/status.json. */
public class PostbackEndpoint extends HttpServlet {

    private transient PostbackProcessor processor;
    private Action action;

    @Override
    public void init() throws ServletException {
        // The application's one processor, set by its ServletContextListener (README, "Quick start").
        if (!(getServletContext().getAttribute("io.postback.PostbackProcessor") instanceof PostbackProcessor shared)) {
            throw new ServletException("set the servlet context attribute io.postback.PostbackProcessor in a ServletContextListener");
        }
        processor = shared;
        action = switch (Objects.requireNonNullElse(getInitParameter("action"), "")) {
            case "create" -> Action.CREATE;
            case "status" -> Action.STATUS;
            default -> throw new ServletException("set the init parameter action to create or status");
        };
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        serve(req, resp);
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        serve(req, resp);
    }

    private void serve(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        // The direct peer; behind a reverse proxy see "X-Forwarded-For" below.
        PostbackRequest request = read(req).withRemoteAddress(req.getRemoteAddr());
        PostbackResult result = processor.handle(request);
        byte[] json = result.toJson().getBytes(StandardCharsets.UTF_8);
        resp.setStatus(200); // strict mode: result.strictHttpStatus()
        resp.setContentType("application/json;charset=utf-8");
        resp.setContentLength(json.length);
        resp.getOutputStream().write(json);
    }

    /** Never getParameter(): the processor must see the parameters exactly as they were sent. */
    private PostbackRequest read(HttpServletRequest req) throws IOException {
        String query = Objects.requireNonNullElse(req.getQueryString(), "");
        if (!"POST".equals(req.getMethod())) {
            return PostbackRequest.fromQuery(action, query);
        }
        // A little past the processor's 8 KiB limit: a bigger body is rejected without being read in full.
        byte[] body = req.getInputStream().readNBytes(9 * 1024 + 1);
        String type = Objects.requireNonNullElse(req.getContentType(), "").split(";")[0].trim().toLowerCase(Locale.ROOT);
        boolean form = type.equals("application/x-www-form-urlencoded");
        if (body.length == 0 && (type.isEmpty() || form)) {
            return PostbackRequest.fromQuery(action, query);
        }
        if (form) {
            return PostbackRequest.fromQueryAndForm(action, query, body);
        }
        if (type.equals("application/json") && query.isEmpty()) {
            return PostbackRequest.fromJson(action, body);
        }
        // Answered "param" and journaled like any other postback.
        return PostbackRequest.unreadable(action, "send the parameters in the query string, as a form or as one JSON object");
    }
}
// end::copy[]
