package io.postback.model;

/** What the host's tracker knows about a click: whose traffic it was. */
public record ClickInfo(long offerId, long flowId, long webmasterId) {
}
