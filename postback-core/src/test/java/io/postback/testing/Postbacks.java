package io.postback.testing;

import io.postback.PostbackRequest;
import io.postback.model.Action;

/** Builds requests the way a server would receive them. */
public final class Postbacks {

    private Postbacks() {
    }

    public static PostbackRequest create(String rawQuery) {
        return PostbackRequest.fromQuery(Action.CREATE, rawQuery);
    }

    public static PostbackRequest status(String rawQuery) {
        return PostbackRequest.fromQuery(Action.STATUS, rawQuery);
    }

    /**
     * A full postback URL as an advertiser sends it, such as
     * {@code https://domain.com/api/site/click.json?token=12-abc&click=c1}: the path names the action
     * ({@code click.json} is CREATE, {@code status.json} is STATUS), the raw query carries the parameters.
     */
    public static PostbackRequest fromUrl(String url) {
        // Split by hand: java.net.URI refuses the braces of an unsubstituted macro, which a sender may well send.
        int question = url.indexOf('?');
        String path = question < 0 ? url : url.substring(0, question);
        String query = question < 0 ? "" : url.substring(question + 1);
        return PostbackRequest.fromQuery(actionOfPath(path), query);
    }

    public static Action actionOfPath(String path) {
        if (path.endsWith("/api/site/click.json")) {
            return Action.CREATE;
        }
        if (path.endsWith("/api/site/status.json")) {
            return Action.STATUS;
        }
        throw new IllegalArgumentException("not a postback endpoint: " + path);
    }
}
