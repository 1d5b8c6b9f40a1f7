package io.postback.internal;

import io.postback.PostbackResult;
import org.slf4j.MDC;

/**
 * The MDC keys set while a postback is handled, so that every log line written meanwhile, by the
 * processor, the store or the host's observer, says which postback it is about (docs/observability.md).
 * Values are ids and wire names only, never parameters. Closing restores what the keys held
 * before, so a postback handled inside another's (a replay from a host's handler) leaves its
 * caller's keys as they were.
 */
final class PostbackMdc implements AutoCloseable {

    static final String ID = "postback.id";
    static final String SITE = "postback.site";
    static final String LEAD = "postback.lead";
    static final String OUTCOME = "postback.outcome";
    static final String ERROR = "postback.error";

    private static final String[] KEYS = {ID, SITE, LEAD, OUTCOME, ERROR};

    /** What the keys held before, when any held something (a postback handled inside another's); else null. */
    private String[] before;

    private PostbackMdc(String postbackId) {
        for (int i = 0; i < KEYS.length; i++) {
            String value = MDC.get(KEYS[i]);
            if (value != null) {
                if (before == null) {
                    before = new String[KEYS.length];
                }
                before[i] = value;
                MDC.remove(KEYS[i]);
            }
        }
        MDC.put(ID, postbackId);
    }

    static PostbackMdc open(String postbackId) {
        return new PostbackMdc(postbackId);
    }

    static void site(long siteId) {
        if (siteId != 0) {
            MDC.put(SITE, Long.toString(siteId));
        }
    }

    static void lead(long leadId) {
        MDC.put(LEAD, Long.toString(leadId));
    }

    void result(PostbackResult result) {
        MDC.put(OUTCOME, result.outcome().wireName());
        if (result instanceof PostbackResult.Applied applied) {
            lead(applied.current().id());
        } else if (result instanceof PostbackResult.Rejected rejected) {
            MDC.put(ERROR, rejected.code().wireName());
        }
    }

    @Override
    public void close() {
        for (int i = 0; i < KEYS.length; i++) {
            if (before == null || before[i] == null) {
                MDC.remove(KEYS[i]);
            } else {
                MDC.put(KEYS[i], before[i]);
            }
        }
    }
}
