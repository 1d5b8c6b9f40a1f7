package io.postback.examples.demo;

import io.postback.PostbackResult;
import io.postback.examples.servlet.PostbackListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line per postback: action, site id, outcome, error code, lead id and duration. Never
 * the token's key nor the raw query: the servlet hands over only the site id.
 */
final class PostbackLog implements PostbackListener {

    private static final Logger LOG = LoggerFactory.getLogger("postback");

    @Override
    public void handled(Handled p) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        PostbackResult result = p.result();
        String error = result instanceof PostbackResult.Rejected rejected ? rejected.code().wireName() : "-";
        String lead = result.lead().map(l -> Long.toString(l.id())).orElse("-");
        String site = p.siteId().isPresent() ? Long.toString(p.siteId().getAsLong()) : "-";
        long tenthsOfMs = p.took().toNanos() / 100_000;
        String millis = tenthsOfMs / 10 + "." + tenthsOfMs % 10;
        LOG.info("{} site={} outcome={} error={} lead={} took={}ms", p.action().wireName(), site,
                result.outcome().wireName(), error, lead, millis);
    }
}
