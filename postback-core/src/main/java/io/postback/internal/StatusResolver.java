package io.postback.internal;

import io.postback.model.ErrorCode;
import io.postback.model.Status;
import io.postback.model.StatusWords;
import java.util.Map;

/** Rules §4: override lists first, then the site's aliases, then the built-in dictionary. */
final class StatusResolver {

    static final int LIST_COUNT = 6;
    /** The lists in the order that breaks ties: a word in several lists takes the first. */
    private static final Status[] LIST_STATUS = {
        Status.APPROVE, Status.CANCEL, Status.TRASH, Status.HOLD, Status.WAIT, Status.NEW};
    private static final String[] LIST_NAMES = {"sta", "stc", "stt", "sth", "stw", "stn"};

    private StatusResolver() {
    }

    /** The resolved status and the rule that gave it, for {@code explain}. */
    record Resolved(Status status, String rule) {
    }

    static Resolved resolve(String word, String[] overrideLists, Map<String, Status> siteAliases) throws Rejection {
        String normalized = StatusWords.normalize(word);
        if (normalized.isEmpty()) {
            throw unknown(word);
        }
        for (int i = 0; i < LIST_COUNT; i++) {
            String list = overrideLists[i];
            if (list != null && listContains(list, normalized)) {
                return new Resolved(LIST_STATUS[i], "'" + LIST_NAMES[i] + "' list");
            }
        }
        Status alias = siteAliases.get(normalized);
        if (alias != null) {
            return new Resolved(alias, "site alias '" + normalized + "'");
        }
        java.util.Optional<Status> builtIn = StatusWords.inDictionary(normalized);
        if (builtIn.isPresent()) {
            return new Resolved(builtIn.get(), "dictionary word '" + normalized + "'");
        }
        throw unknown(word);
    }

    private static boolean listContains(String list, String normalized) {
        int start = 0;
        int length = list.length();
        while (start <= length) {
            int end = list.indexOf(',', start);
            if (end < 0) {
                end = length;
            }
            if (end > start && itemEquals(list, start, end, normalized)) {
                return true;
            }
            start = end + 1;
        }
        return false;
    }

    /** Whether the list item normalises to {@code normalized}, without allocating for ASCII items. */
    private static boolean itemEquals(String list, int start, int end, String normalized) {
        int j = 0;
        for (int i = start; i < end; i++) {
            char c = list.charAt(i);
            if (c >= 0x80) {
                return StatusWords.normalize(list.substring(start, end)).equals(normalized);
            }
            if (c >= 'A' && c <= 'Z') {
                c = (char) (c + ('a' - 'A'));
            } else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
                continue;
            }
            if (j == normalized.length() || normalized.charAt(j++) != c) {
                return false;
            }
        }
        return j == normalized.length() && j > 0;
    }

    private static Rejection unknown(String word) {
        return new Rejection(ErrorCode.STATUS, "unknown status '" + Messages.safeName(word)
                + "': add it to a sta/stc/stt/sth/stw/stn list or to the site's status aliases");
    }
}
