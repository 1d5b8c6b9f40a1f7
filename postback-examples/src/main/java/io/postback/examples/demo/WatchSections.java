package io.postback.examples.demo;

import io.postback.model.Cap;
import io.postback.model.ErrorCode;
import io.postback.model.Lead;
import io.postback.spi.QueuedDelivery;
import io.postback.spi.RejectionCount;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The front page's sections of what needs watching (docs/operator-page.md): rejected postbacks per
 * site and error code, failing deliveries per destination, holds due, caps used.
 */
final class WatchSections {

    /** A cap of an offer and how many slots of its current period are taken (rules §14). */
    record CapUse(long offerId, Cap cap, String period, long used) {
        CapUse {
            Objects.requireNonNull(cap, "cap");
            Objects.requireNonNull(period, "period");
        }
    }

    /**
     * What the sections show.
     *
     * @param rejectionsRead how many rejected journal entries the counts were read from at most
     * @param holdsDue       held leads whose release time has passed or is near, soonest first
     */
    record Watch(Instant now, List<RejectionCount> lastHour, List<RejectionCount> lastDay, int rejectionsRead,
                 List<QueuedDelivery> retrying, List<QueuedDelivery> dead, List<Lead> holdsDue, List<CapUse> caps) {
        Watch {
            Objects.requireNonNull(now, "now");
            lastHour = List.copyOf(lastHour);
            lastDay = List.copyOf(lastDay);
            retrying = List.copyOf(retrying);
            dead = List.copyOf(dead);
            holdsDue = List.copyOf(holdsDue);
            caps = List.copyOf(caps);
        }
    }

    private record SiteAndCode(OptionalLong siteId, ErrorCode error) {
    }

    private WatchSections() {
    }

    static void render(StringBuilder html, Watch watch) {
        rejections(html, watch);
        failingDeliveries(html, watch);
        holdsDue(html, watch);
        caps(html, watch);
    }

    private static void rejections(StringBuilder html, Watch watch) {
        html.append("<h2>Rejected postbacks per site and error</h2>\n");
        Map<SiteAndCode, long[]> counts = new LinkedHashMap<>();
        long dayTotal = 0;
        for (RejectionCount c : watch.lastDay()) {
            counts.computeIfAbsent(new SiteAndCode(c.siteId(), c.error()), k -> new long[2])[1] = c.count();
            dayTotal += c.count();
        }
        for (RejectionCount c : watch.lastHour()) {
            counts.computeIfAbsent(new SiteAndCode(c.siteId(), c.error()), k -> new long[2])[0] = c.count();
        }
        if (counts.isEmpty()) {
            html.append("<p class=\"muted\" id=\"no-rejections\">No rejected postback in the last day.</p>\n");
            return;
        }
        html.append("<table id=\"rejections\"><tr><th>site</th><th>error</th><th>last hour</th><th>last day</th></tr>\n");
        counts.entrySet().stream().sorted(Comparator.comparingLong((Map.Entry<SiteAndCode, long[]> e) -> -e.getValue()[1])
                .thenComparing(e -> e.getKey().error())).forEach(e -> {
                    html.append("<tr class=\"rejected\">");
                    OperatorPage.cell(html, "num", e.getKey().siteId().isPresent() ? OperatorPage.number(e.getKey().siteId()) : "none");
                    OperatorPage.cell(html, "", e.getKey().error().wireName());
                    OperatorPage.cell(html, "num", Long.toString(e.getValue()[0]));
                    OperatorPage.cell(html, "num", Long.toString(e.getValue()[1]));
                    html.append("</tr>\n");
                });
        html.append("</table>\n");
        if (dayTotal >= watch.rejectionsRead()) {
            html.append("<p class=\"muted\">Counted from the newest ").append(watch.rejectionsRead())
                    .append(" rejected postbacks only: there may be more.</p>\n");
        }
    }

    private static void failingDeliveries(StringBuilder html, Watch watch) {
        html.append("<h2>Failing outbound deliveries per destination</h2>\n");
        record Failing(int[] retryingAndDead, List<String> lastErrors) {
        }
        Map<String, Failing> byHost = new LinkedHashMap<>();
        for (QueuedDelivery d : watch.retrying()) {
            Failing f = byHost.computeIfAbsent(DeliveryDestination.of(d.delivery().urlTemplate()), h -> new Failing(new int[2], new ArrayList<>()));
            f.retryingAndDead()[0]++;
            d.lastError().ifPresent(f.lastErrors()::add);
        }
        for (QueuedDelivery d : watch.dead()) {
            Failing f = byHost.computeIfAbsent(DeliveryDestination.of(d.delivery().urlTemplate()), h -> new Failing(new int[2], new ArrayList<>()));
            f.retryingAndDead()[1]++;
            d.lastError().ifPresent(f.lastErrors()::add);
        }
        if (byHost.isEmpty()) {
            html.append("<p class=\"muted\">No delivery is retrying or dead.</p>\n");
            return;
        }
        html.append("<table id=\"failing\"><tr><th>destination</th><th>retrying</th><th>dead letters</th><th>an error</th></tr>\n");
        byHost.forEach((host, f) -> {
            html.append("<tr class=\"rejected\">");
            OperatorPage.cell(html, "", host);
            OperatorPage.cell(html, "num", Integer.toString(f.retryingAndDead()[0]));
            OperatorPage.cell(html, "num", Integer.toString(f.retryingAndDead()[1]));
            OperatorPage.cell(html, "", f.lastErrors().isEmpty() ? "" : f.lastErrors().get(0));
            html.append("</tr>\n");
        });
        html.append("</table>\n");
    }

    private static void holdsDue(StringBuilder html, Watch watch) {
        html.append("<h2>Holds due (rules §13)</h2>\n");
        if (watch.holdsDue().isEmpty()) {
            html.append("<p class=\"muted\">No held lead is due within the hour.</p>\n");
            return;
        }
        html.append("<table id=\"holds\"><tr><th>lead</th><th>offer</th><th>goal</th><th>release at</th><th>due</th></tr>\n");
        for (Lead lead : watch.holdsDue()) {
            Instant releaseAt = lead.state().held().map(h -> h.releaseAt()).orElse(watch.now());
            html.append("<tr>");
            OperatorPage.leadCell(html, lead.id());
            OperatorPage.cell(html, "num", Long.toString(lead.offerId()));
            OperatorPage.cell(html, "", lead.state().goal());
            OperatorPage.cell(html, "", OperatorPage.time(releaseAt));
            OperatorPage.cell(html, "", releaseAt.isAfter(watch.now())
                    ? "in " + Math.max(1, Duration.between(watch.now(), releaseAt).toMinutes()) + " min" : "now");
            html.append("</tr>\n");
        }
        html.append("</table>\n");
    }

    private static void caps(StringBuilder html, Watch watch) {
        html.append("<h2>Caps used (rules §14)</h2>\n");
        if (watch.caps().isEmpty()) {
            html.append("<p class=\"muted\">The catalog has no cap.</p>\n");
            return;
        }
        html.append("<table id=\"caps\"><tr><th>offer</th><th>cap</th><th>period</th><th>used</th><th>limit</th></tr>\n");
        for (CapUse use : watch.caps()) {
            html.append(use.used() >= use.cap().max() ? "<tr class=\"rejected\">" : "<tr>");
            OperatorPage.cell(html, "num", Long.toString(use.offerId()));
            OperatorPage.cell(html, "", use.cap().describe());
            OperatorPage.cell(html, "", use.period());
            OperatorPage.cell(html, "num", Long.toString(use.used()));
            OperatorPage.cell(html, "num", Long.toString(use.cap().max()));
            html.append("</tr>\n");
        }
        html.append("</table>\n");
    }
}
