package io.postback.internal;

import java.util.OptionalLong;

/**
 * How a postback is run: live, as a dry run ({@code explain}), or as a replay of a journal entry.
 * A replay re-runs a postback that was already authenticated when it arrived, so the sender
 * checks (allow-list, signature) that depend on the moment of arrival are not repeated.
 */
public record Mode(boolean dryRun, OptionalLong replayOf) {

    public static final Mode LIVE = new Mode(false, OptionalLong.empty());
    public static final Mode DRY_RUN = new Mode(true, OptionalLong.empty());

    public static Mode replay(long journalId) {
        return new Mode(false, OptionalLong.of(journalId));
    }
}
