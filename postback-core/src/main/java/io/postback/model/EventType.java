package io.postback.model;

/** What happened to a lead. */
public enum EventType {
    CREATED, STATUS_CHANGED, GOAL_CHANGED, MONEY_BOOKED
}
