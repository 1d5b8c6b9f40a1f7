package io.postback;

import io.postback.internal.ReceivedParams;
import io.postback.internal.ReceivedParamsParser;
import io.postback.model.Action;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One received postback: its action and its parameters, from any of the shapes of rules §1.
 * Building a request never throws for bad input: a malformed one is answered {@code rejected}
 * by {@link PostbackProcessor#handle}.
 */
public final class PostbackRequest {

    private final Action action;
    private final ReceivedParams params;
    private final Optional<String> remoteAddress;

    private PostbackRequest(Action action, ReceivedParams params, Optional<String> remoteAddress) {
        this.action = Objects.requireNonNull(action, "action");
        this.params = params;
        this.remoteAddress = remoteAddress;
    }

    /** A raw (still percent-encoded) query string such as {@code token=12-abc&click=x}, with or without {@code ?}. */
    public static PostbackRequest fromQuery(Action action, String rawQuery) {
        return new PostbackRequest(action, ReceivedParamsParser.fromUrlEncoded(rawQuery), Optional.empty());
    }

    /** A servlet-style map whose values the container has already decoded ({@code getParameterMap()}). */
    public static PostbackRequest fromParameterMap(Action action, Map<String, String[]> parameters) {
        return new PostbackRequest(action, ReceivedParamsParser.fromParameterMap(parameters), Optional.empty());
    }

    /** An {@code application/x-www-form-urlencoded} body. */
    public static PostbackRequest fromForm(Action action, byte[] body) {
        return new PostbackRequest(action, ReceivedParamsParser.fromUrlEncoded(body), Optional.empty());
    }

    /** A flat JSON object body in UTF-8, such as {@code {"token":"12-abc","click":"x","pay":10.5}}. */
    public static PostbackRequest fromJson(Action action, byte[] body) {
        return new PostbackRequest(action, ReceivedParamsParser.fromJson(body), Optional.empty());
    }

    public static PostbackRequest fromJson(Action action, String body) {
        return fromJson(action, body.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Combines the query string with a form body, as a servlet sees them together. A parameter in
     * both with different values is rejected like any repeated parameter.
     */
    public static PostbackRequest fromQueryAndForm(Action action, String rawQuery, byte[] formBody) {
        ReceivedParams query = ReceivedParamsParser.fromUrlEncoded(rawQuery);
        ReceivedParams form = ReceivedParamsParser.fromUrlEncoded(formBody);
        return new PostbackRequest(action, ReceivedParamsParser.concat(query, form), Optional.empty());
    }

    /**
     * A postback whose parameters cannot be read at all, such as a body in an unsupported content
     * type. {@link PostbackProcessor#handle} answers it {@code rejected} ({@code param}) with this
     * reason and journals it like any other postback (rules §9). The reason is shown to the sender:
     * it must not contain secrets.
     */
    public static PostbackRequest unreadable(Action action, String reason) {
        Objects.requireNonNull(reason, "reason");
        return new PostbackRequest(action, ReceivedParams.failed(reason), Optional.empty());
    }

    /** The same request as seen from a network address, for IP allow-lists and the journal. */
    public PostbackRequest withRemoteAddress(String address) {
        return new PostbackRequest(action, params, Optional.of(address));
    }

    public Action action() {
        return action;
    }

    /** The same parameters under another action: how the processor journals a reconciliation (rules §16.5). */
    PostbackRequest as(Action other) {
        return new PostbackRequest(other, params, remoteAddress);
    }

    public Optional<String> remoteAddress() {
        return remoteAddress;
    }

    /**
     * The first value of the parameter {@code name} as received (decoded), empty when it is absent
     * or the parameters could not be read at all. Nothing is validated: this is for a host that
     * must look at a postback before the processor does, such as the shard router
     * ({@code io.postback.shard}, docs/architecture.md "Scaling out"). {@code token} holds the
     * site's key: never log it.
     */
    public Optional<String> parameter(String name) {
        Objects.requireNonNull(name, "name");
        for (int i = 0; i < params.size(); i++) {
            if (params.name(i).equals(name)) {
                return Optional.of(params.value(i));
            }
        }
        return Optional.empty();
    }

    /** The parameters as received, for the processor. */
    ReceivedParams params() {
        return params;
    }

    @Override
    public String toString() {
        return "PostbackRequest[" + action.wireName() + ", " + params.size() + " parameters]";
    }
}
