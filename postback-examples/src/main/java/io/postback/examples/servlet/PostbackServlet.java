package io.postback.examples.servlet;

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
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Serves one postback endpoint ({@code /api/site/click.json} or {@code /api/site/status.json})
 * with a {@link PostbackProcessor}. Accepts the shapes of rules §1:
 * <ul>
 *   <li>GET (or a POST without body): the query string;</li>
 *   <li>POST {@code application/x-www-form-urlencoded}: the query string and the body together;</li>
 *   <li>POST {@code application/json} (UTF-8): a flat JSON object, with an empty query string.</li>
 * </ul>
 * Any other body is answered {@code param} (HTTP 415 in strict mode) and journaled like every
 * postback; so is a body declared larger than the read limit, refused without being read (HTTP 413 in
 * strict mode) and followed by closing the connection. The answer is the JSON of rules §8 with HTTP
 * 200, or the result's own status code in strict mode. The remote address is the direct peer unless
 * trusted proxies are configured: see {@link ClientAddress}.
 *
 * <p>Only GET, POST and OPTIONS are served ({@link AllowedMethods}). Registered with async support,
 * the servlet reads a body without blocking, so that a slow sender holds no thread: see
 * {@link RequestBody}.
 *
 * <p>The servlet never calls {@code getParameter}: the container would decode the parameters with
 * its own rules (and consume a form body), while the processor must see them exactly as sent.
 *
 * <p>Built with its processor ({@link #PostbackServlet(PostbackProcessor, Action)}) for embedded
 * containers, or by the container with no arguments (web.xml, {@code @WebServlet} on a subclass,
 * {@code ServletContext.addServlet(name, PostbackServlet.class)}): then {@link #init()} takes the
 * processor from the servlet context attribute {@link #PROCESSOR_ATTRIBUTE}, which a
 * {@code ServletContextListener} sets, and the action from the init parameter
 * {@link #ACTION_PARAMETER} (docs/servlet.md, "Declaring the servlets").
 */
public class PostbackServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** HEAD would run the postback (the servlet default calls doGet): link checkers must not create leads. */
    static final AllowedMethods METHODS = AllowedMethods.of("GET", "POST", "OPTIONS");
    /** The answer to a body declared larger than {@link RequestBody#READ_LIMIT}; stable, so that the journal groups it. */
    static final String BODY_TOO_LARGE = "body is over the 8 KiB limit of parameters: not read";

    /**
     * The servlet context attribute that servlets built with no arguments take their processor from:
     * {@value}. Set it to the application's one {@link PostbackProcessor} in a
     * {@code ServletContextListener}'s {@code contextInitialized}.
     */
    public static final String PROCESSOR_ATTRIBUTE = "io.postback.PostbackProcessor";
    /**
     * The servlet context attribute that servlets built with no arguments take their {@link Options}
     * from, if it is set: {@value}. Without it they use {@link Options#defaults()}.
     */
    public static final String OPTIONS_ATTRIBUTE = "io.postback.examples.servlet.PostbackServlet.Options";
    /**
     * The init parameter that names the endpoint of a servlet built with no arguments: {@value}, with
     * the value {@code create} ({@code /api/site/click.json}) or {@code status}
     * ({@code /api/site/status.json}).
     */
    public static final String ACTION_PARAMETER = "action";

    // Set by a constructor, or by init() for a servlet the container built; init() happens before any request.
    private transient PostbackProcessor processor;
    private Action action;
    private Options options;

    /**
     * For the container: {@link #init()} takes the processor from {@link #PROCESSOR_ATTRIBUTE}, the
     * action from {@link #ACTION_PARAMETER} and the options from {@link #OPTIONS_ATTRIBUTE}.
     */
    public PostbackServlet() {
    }

    public PostbackServlet(PostbackProcessor processor, Action action) {
        this(processor, action, Options.defaults());
    }

    public PostbackServlet(PostbackProcessor processor, Action action, Options options) {
        this.processor = Objects.requireNonNull(processor, "processor");
        this.action = Objects.requireNonNull(action, "action");
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * Takes the processor, the action and the options from the servlet context and the init
     * parameters when the servlet was built with no arguments; otherwise does nothing.
     *
     * @throws ServletException naming what to set, when the processor attribute is missing or is not a
     *                          {@link PostbackProcessor}, the action parameter is missing or neither
     *                          {@code create} nor {@code status}, or the options attribute is not {@link Options}
     */
    @Override
    public void init() throws ServletException {
        if (processor == null) {
            processor = ContextWiring.processor(this);
            action = ContextWiring.action(this);
            options = ContextWiring.options(this);
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
        answer(req, resp, RequestBody.NONE, System.nanoTime());
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        long start = System.nanoTime();
        RequestBody.read(req, resp, options.bodyDeadline(), body -> answer(req, resp, body, start));
    }

    private void answer(HttpServletRequest req, HttpServletResponse resp, RequestBody body, long start) throws IOException {
        Received received = receive(req, Objects.requireNonNullElse(req.getQueryString(), ""), action, body);
        PostbackRequest request = received.request().withRemoteAddress(options.clientAddress().of(req));
        PostbackResult result = processor.handle(request);
        int status = options.strict() ? received.strictStatus(result) : HttpServletResponse.SC_OK;
        options.listener().handled(new PostbackListener.Handled(action, received.siteId(), result,
                Duration.ofNanos(System.nanoTime() - start)));
        if (!body.readToEnd()) {
            // The rest of the body is dropped, if at all, after the answer: the connection cannot carry another request.
            resp.setHeader("Connection", "close");
        }
        writeJson(resp, status, result.toJson());
    }

    /** Turns the HTTP request and its body, as read, into a postback request of the given action; never throws for bad input. */
    static Received receive(HttpServletRequest req, String query, Action action, RequestBody body) {
        if (!"POST".equals(req.getMethod())) {
            // Only a POST body carries parameters; a GET's Content-Type header means nothing.
            return new Received(PostbackRequest.fromQuery(action, query), Refusal.NONE, TokenSiteId.find(query, new byte[0], false));
        }
        if (body.declaredTooLarge()) {
            return new Received(PostbackRequest.unreadable(action, BODY_TOO_LARGE), Refusal.TOO_LARGE,
                    TokenSiteId.find(query, new byte[0], false));
        }
        byte[] bytes = body.bytes();
        String contentType = Objects.requireNonNullElse(req.getContentType(), "");
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        boolean json = mediaType.equals("application/json");
        OptionalLong siteId = TokenSiteId.find(query, bytes, json);
        if (bytes.length == 0 && (mediaType.isEmpty() || mediaType.equals("application/x-www-form-urlencoded"))) {
            return new Received(PostbackRequest.fromQuery(action, query), Refusal.NONE, siteId);
        }
        if (!json && !mediaType.equals("application/x-www-form-urlencoded")) {
            String shown = contentType.isEmpty() ? "none" : contentType.split(";", 2)[0].trim();
            return new Received(PostbackRequest.unreadable(action, unsupported("content type", shown)), Refusal.UNSUPPORTED_TYPE,
                    siteId);
        }
        Optional<String> charset = charset(contentType);
        if (charset.isPresent() && !charset.get().equalsIgnoreCase("utf-8")) {
            return new Received(PostbackRequest.unreadable(action, unsupported("charset", charset.get())), Refusal.UNSUPPORTED_TYPE,
                    siteId);
        }
        if (!json) {
            return new Received(PostbackRequest.fromQueryAndForm(action, query, bytes), Refusal.NONE, siteId);
        }
        if (!query.isEmpty()) {
            return new Received(PostbackRequest.unreadable(action,
                    "with a JSON body, send every parameter in the body: the query string must be empty"), Refusal.NONE, siteId);
        }
        return new Received(PostbackRequest.fromJson(action, bytes), Refusal.NONE, siteId);
    }

    /** The declared charset. Parameters are percent-decoded and JSON is read as UTF-8: any other would be guessed. */
    private static Optional<String> charset(String contentType) {
        String[] parts = contentType.split(";");
        for (int i = 1; i < parts.length; i++) {
            String[] param = parts[i].trim().split("=", 2);
            if (param.length == 2 && param[0].trim().equalsIgnoreCase("charset")) {
                return Optional.of(param[1].trim().replace("\"", ""));
            }
        }
        return Optional.empty();
    }

    /** The sender's own words are echoed only when they are a plain token: the message goes to the journal and the page. */
    private static String unsupported(String what, String value) {
        String shown = value.matches("[A-Za-z0-9!#$&^_.+/-]{1,64}") ? value : "not readable";
        return "unsupported " + what + " (" + shown + "): send the parameters in the query string, as "
                + "application/x-www-form-urlencoded or as application/json, in UTF-8";
    }

    static void writeJson(HttpServletResponse resp, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        resp.setStatus(status);
        resp.setContentType("application/json;charset=utf-8");
        resp.setHeader("Cache-Control", "no-store");
        resp.setContentLength(bytes.length);
        resp.getOutputStream().write(bytes);
    }

    /** Why a request was refused before the processor could read a parameter; strict mode answers with its status. */
    enum Refusal {
        NONE(0),
        UNSUPPORTED_TYPE(HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE),
        TOO_LARGE(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);

        final int strictStatus;

        Refusal(int strictStatus) {
            this.strictStatus = strictStatus;
        }
    }

    /**
     * A request as read: the postback, whether it was refused unread, and its site for logs.
     */
    record Received(PostbackRequest request, Refusal refusal, OptionalLong siteId) {
        int strictStatus(PostbackResult result) {
            return refusal != Refusal.NONE && result.isRejected() ? refusal.strictStatus : result.strictHttpStatus();
        }
    }

    /**
     * How the servlet answers.
     *
     * @param strict        answer errors with 4xx/5xx ({@link PostbackResult#strictHttpStatus()}, 415 for an
     *                      unsupported content type) instead of always 200
     * @param clientAddress where the remote address comes from; direct peer by default
     * @param listener      told about every handled postback, for logs and metrics
     * @param bodyDeadline  how long a POST body may take to arrive where the container reads it without
     *                      blocking (async support on); a body not in by then is answered 408
     */
    public record Options(boolean strict, ClientAddress clientAddress, PostbackListener listener, Duration bodyDeadline) {
        public Options {
            Objects.requireNonNull(clientAddress, "clientAddress");
            Objects.requireNonNull(listener, "listener");
            Objects.requireNonNull(bodyDeadline, "bodyDeadline");
            if (bodyDeadline.isNegative() || bodyDeadline.isZero()) {
                throw new IllegalArgumentException("bodyDeadline must be positive: " + bodyDeadline);
            }
        }

        /** HTTP 200 for every answer, the direct peer as remote address, no listener, 10 s for a body. */
        public static Options defaults() {
            return new Options(false, ClientAddress.direct(), PostbackListener.NONE, RequestBody.DEFAULT_DEADLINE);
        }

        public Options withStrict(boolean strictStatus) {
            return new Options(strictStatus, clientAddress, listener, bodyDeadline);
        }

        /** Believe {@code X-Forwarded-For} from these reverse proxies only (see {@link ClientAddress}). */
        public Options withTrustedProxies(Set<String> proxies) {
            return new Options(strict, proxies.isEmpty() ? ClientAddress.direct() : ClientAddress.trusting(proxies),
                    listener, bodyDeadline);
        }

        public Options withListener(PostbackListener postbackListener) {
            return new Options(strict, clientAddress, postbackListener, bodyDeadline);
        }

        public Options withBodyDeadline(Duration deadline) {
            return new Options(strict, clientAddress, listener, deadline);
        }
    }
}
