package io.postback.examples.servlet;

import io.postback.PostbackProcessor;
import io.postback.PostbackRequest;
import io.postback.PostbackResult;
import io.postback.model.Action;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Serves one postback endpoint ({@code /api/site/click.json} or {@code /api/site/status.json})
 * with a {@link PostbackProcessor}. Accepts the shapes of SPEC §1:
 * <ul>
 *   <li>GET (or a POST without body): the query string;</li>
 *   <li>POST {@code application/x-www-form-urlencoded}: the query string and the body together;</li>
 *   <li>POST {@code application/json} (UTF-8): a flat JSON object, with an empty query string.</li>
 * </ul>
 * Any other body is answered {@code param} (HTTP 415 in strict mode) and journaled like every
 * postback. The answer is the JSON of SPEC §8 with HTTP 200, or the result's own status code in
 * strict mode. The remote address is the direct peer unless trusted proxies are configured: see
 * {@link ClientAddress}.
 *
 * <p>The servlet never calls {@code getParameter}: the container would decode the parameters with
 * its own rules (and consume a form body), while the engine must see them exactly as sent.
 */
public class PostbackServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /**
     * How much of a body is read for the engine: a little over its 8 KiB limit, so that it rejects
     * a larger body as too large without the rest of it ever being kept or parsed.
     */
    static final int BODY_READ_LIMIT = 9 * 1024;
    /**
     * How much of the rest of a body that was too large is read and dropped before answering (as
     * Tomcat's {@code maxSwallowSize}, whose default this is): a sender still writing its body would
     * otherwise often see the connection reset instead of the answer. Beyond it, the container closes.
     */
    static final int DISCARD_LIMIT = 2 * 1024 * 1024;

    private final transient PostbackProcessor processor;
    private final Action action;
    private final Options options;

    public PostbackServlet(PostbackProcessor processor, Action action) {
        this(processor, action, Options.defaults());
    }

    public PostbackServlet(PostbackProcessor processor, Action action, Options options) {
        this.processor = Objects.requireNonNull(processor, "processor");
        this.action = Objects.requireNonNull(action, "action");
        this.options = Objects.requireNonNull(options, "options");
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        serve(req, resp);
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        serve(req, resp);
    }

    /** HEAD would run the postback (the servlet default calls doGet): link checkers must not create leads. */
    @Override
    protected void doHead(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setHeader("Allow", "GET, POST");
        resp.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
    }

    private void serve(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        long start = System.nanoTime();
        Received received = receive(req, Objects.requireNonNullElse(req.getQueryString(), ""), action);
        PostbackRequest request = received.request().withRemoteAddress(options.clientAddress().of(req));
        PostbackResult result = processor.handle(request);
        int status = options.strict() ? received.strictStatus(result) : HttpServletResponse.SC_OK;
        options.listener().handled(new PostbackListener.Handled(action, received.siteId(), result,
                Duration.ofNanos(System.nanoTime() - start)));
        discardRest(req);
        writeJson(resp, status, result.toJson());
    }

    /** Turns the HTTP request into a postback request of the given action; never throws for bad input. */
    static Received receive(HttpServletRequest req, String query, Action action) throws IOException {
        if (!"POST".equals(req.getMethod())) {
            // Only a POST body carries parameters; a GET's Content-Type header means nothing.
            return new Received(PostbackRequest.fromQuery(action, query), false, TokenSiteId.find(query, new byte[0], false));
        }
        byte[] body = readCapped(req.getInputStream());
        String contentType = Objects.requireNonNullElse(req.getContentType(), "");
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        boolean json = mediaType.equals("application/json");
        OptionalLong siteId = TokenSiteId.find(query, body, json);
        if (body.length == 0 && (mediaType.isEmpty() || mediaType.equals("application/x-www-form-urlencoded"))) {
            return new Received(PostbackRequest.fromQuery(action, query), false, siteId);
        }
        if (!json && !mediaType.equals("application/x-www-form-urlencoded")) {
            String shown = contentType.isEmpty() ? "none" : contentType.split(";", 2)[0].trim();
            return new Received(PostbackRequest.unreadable(action, unsupported("content type", shown)), true, siteId);
        }
        Optional<String> charset = charset(contentType);
        if (charset.isPresent() && !charset.get().equalsIgnoreCase("utf-8")) {
            return new Received(PostbackRequest.unreadable(action, unsupported("charset", charset.get())), true, siteId);
        }
        if (!json) {
            return new Received(PostbackRequest.fromQueryAndForm(action, query, body), false, siteId);
        }
        if (!query.isEmpty()) {
            return new Received(PostbackRequest.unreadable(action,
                    "with a JSON body, send every parameter in the body: the query string must be empty"), false, siteId);
        }
        return new Received(PostbackRequest.fromJson(action, body), false, siteId);
    }

    private static byte[] readCapped(InputStream in) throws IOException {
        return in.readNBytes(BODY_READ_LIMIT + 1);
    }

    /** Reads what is left of a POST body, up to {@link #DISCARD_LIMIT}, and drops it; the engine has answered already. */
    private static void discardRest(HttpServletRequest req) {
        if (!"POST".equals(req.getMethod())) {
            return;
        }
        byte[] buffer = new byte[8192];
        long discarded = 0;
        try {
            InputStream in = req.getInputStream();
            int n;
            while (discarded < DISCARD_LIMIT
                    && (n = in.read(buffer, 0, (int) Math.min(buffer.length, DISCARD_LIMIT - discarded))) > 0) {
                discarded += n;
            }
        } catch (IOException e) {
            // The sender went away or the body broke off: the answer is written all the same, for whoever still reads it.
        }
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

    /**
     * A request as read: the postback, whether its content type was refused, and its site for logs.
     */
    record Received(PostbackRequest request, boolean unsupportedType, OptionalLong siteId) {
        int strictStatus(PostbackResult result) {
            return unsupportedType && result.isRejected() ? HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE
                    : result.strictHttpStatus();
        }
    }

    /**
     * How the servlet answers.
     *
     * @param strict        answer errors with 4xx/5xx ({@link PostbackResult#strictHttpStatus()}, 415 for an
     *                      unsupported content type) instead of always 200
     * @param clientAddress where the remote address comes from; direct peer by default
     * @param listener      told about every handled postback, for logs and metrics
     */
    public record Options(boolean strict, ClientAddress clientAddress, PostbackListener listener) {
        public Options {
            Objects.requireNonNull(clientAddress, "clientAddress");
            Objects.requireNonNull(listener, "listener");
        }

        /** HTTP 200 for every answer, the direct peer as remote address, no listener. */
        public static Options defaults() {
            return new Options(false, ClientAddress.direct(), PostbackListener.NONE);
        }

        public Options withStrict(boolean strictStatus) {
            return new Options(strictStatus, clientAddress, listener);
        }

        /** Believe {@code X-Forwarded-For} from these reverse proxies only (see {@link ClientAddress}). */
        public Options withTrustedProxies(Set<String> proxies) {
            return new Options(strict, proxies.isEmpty() ? ClientAddress.direct() : ClientAddress.trusting(proxies),
                    listener);
        }

        public Options withListener(PostbackListener postbackListener) {
            return new Options(strict, clientAddress, postbackListener);
        }
    }
}
