package io.postback.examples.servlet;

import io.postback.Explanation;
import io.postback.PostbackProcessor;
import io.postback.PostbackResult;
import io.postback.model.Action;
import io.postback.model.ErrorCode;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The dry run (rules §8, {@link PostbackProcessor#explain}): the answer a postback would get and
 * the trail of the decision, with nothing written. The endpoint to simulate is named by
 * {@code action=click} or {@code action=status} in the query string; the other parameters come in
 * any shape {@link PostbackServlet} accepts, read the same way. Always HTTP 200: the dry run itself
 * succeeded. HEAD works too, since nothing is written.
 *
 * <p>Like {@link PostbackServlet}, it is built with its processor or by the container with no
 * arguments; then {@link #init()} takes the processor from the servlet context attribute
 * {@link PostbackServlet#PROCESSOR_ATTRIBUTE}, and the client address rule and the body deadline
 * from {@link PostbackServlet#OPTIONS_ATTRIBUTE} when it is set.
 */
public class ExplainServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    static final AllowedMethods METHODS = AllowedMethods.of("GET", "HEAD", "POST", "OPTIONS");

    // Set by a constructor, or by init() for a servlet the container built; init() happens before any request.
    private transient PostbackProcessor processor;
    private transient ClientAddress clientAddress;
    private Duration bodyDeadline;

    /**
     * For the container: {@link #init()} takes the processor from
     * {@link PostbackServlet#PROCESSOR_ATTRIBUTE} and the options from
     * {@link PostbackServlet#OPTIONS_ATTRIBUTE}.
     */
    public ExplainServlet() {
    }

    public ExplainServlet(PostbackProcessor processor) {
        this(processor, ClientAddress.direct(), RequestBody.DEFAULT_DEADLINE);
    }

    /** With the same client address rule as the postback servlets, so that IP allow-lists are simulated alike. */
    public ExplainServlet(PostbackProcessor processor, ClientAddress clientAddress) {
        this(processor, clientAddress, RequestBody.DEFAULT_DEADLINE);
    }

    /** With the client address rule and the body deadline of the postback servlets' options. */
    public ExplainServlet(PostbackProcessor processor, PostbackServlet.Options options) {
        this(processor, options.clientAddress(), options.bodyDeadline());
    }

    private ExplainServlet(PostbackProcessor processor, ClientAddress clientAddress, Duration bodyDeadline) {
        this.processor = Objects.requireNonNull(processor, "processor");
        this.clientAddress = Objects.requireNonNull(clientAddress, "clientAddress");
        this.bodyDeadline = Objects.requireNonNull(bodyDeadline, "bodyDeadline");
    }

    /**
     * Takes the processor and the options from the servlet context when the servlet was built with no
     * arguments; otherwise does nothing.
     *
     * @throws ServletException naming what to set, when the processor attribute is missing or is not a
     *                          {@link PostbackProcessor}, or the options attribute is not
     *                          {@link PostbackServlet.Options}
     */
    @Override
    public void init() throws ServletException {
        if (processor == null) {
            processor = ContextWiring.processor(this);
            PostbackServlet.Options options = ContextWiring.options(this);
            clientAddress = options.clientAddress();
            bodyDeadline = options.bodyDeadline();
        }
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
        if (METHODS.admit(req, resp)) {
            super.service(req, resp);
        }
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        serve(req, resp, RequestBody.NONE);
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        RequestBody.read(req, resp, bodyDeadline, body -> serve(req, resp, body));
    }

    private void serve(HttpServletRequest req, HttpServletResponse resp, RequestBody body) throws IOException {
        if (!body.readToEnd()) {
            resp.setHeader("Connection", "close"); // the rest of the body is never read
        }
        String query = Objects.requireNonNullElse(req.getQueryString(), "");
        Optional<Action> action = actionOf(query);
        if (action.isEmpty()) {
            PostbackResult missing = new PostbackResult.Rejected(ErrorCode.PARAM,
                    "add action=click or action=status to the query string: the endpoint the dry run simulates");
            PostbackServlet.writeJson(resp, HttpServletResponse.SC_OK, missing.toJson());
            return;
        }
        PostbackServlet.Received received = PostbackServlet.receive(req, withoutAction(query), action.get(), body);
        Explanation explanation = processor.explain(received.request().withRemoteAddress(clientAddress.of(req)));
        PostbackServlet.writeJson(resp, HttpServletResponse.SC_OK, explanation.toJson());
    }

    /** The query without its {@code action} pair, so that a JSON body may come with {@code ?action=...} alone. */
    static String withoutAction(String rawQuery) {
        StringBuilder rest = new StringBuilder(rawQuery.length());
        for (String pair : rawQuery.split("&")) {
            if (!pair.isEmpty() && !pair.startsWith("action=")) {
                rest.append(rest.length() == 0 ? "" : "&").append(pair);
            }
        }
        return rest.toString();
    }

    /** The one {@code action} of the raw query: {@code click} (or {@code create}) or {@code status}. */
    static Optional<Action> actionOf(String rawQuery) {
        Optional<Action> found = Optional.empty();
        for (String pair : rawQuery.split("&")) {
            if (!pair.startsWith("action=")) {
                continue;
            }
            if (found.isPresent()) {
                return Optional.empty();
            }
            String value = pair.substring("action=".length());
            found = switch (value) {
                case "click", "create" -> Optional.of(Action.CREATE);
                case "status" -> Optional.of(Action.STATUS);
                default -> Optional.empty();
            };
            if (found.isEmpty()) {
                return found;
            }
        }
        return found;
    }
}
