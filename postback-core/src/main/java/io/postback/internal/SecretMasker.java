package io.postback.internal;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Replaces every occurrence of a secret (a site key, a signing secret, the global token) in a text
 * with {@code ***}, whatever parameter or message the text came in: a sender's {@code token[]},
 * {@code token%20} or a look-alike name carries the key as surely as {@code token} (SECURITY.md, "What is logged and journaled"). All secrets are found in one pass over the text (Aho-Corasick), so the
 * cost does not grow with the number of sites.
 */
final class SecretMasker {

    static final String MASK = "***";
    static final SecretMasker NONE = new SecretMasker(java.util.List.of());

    /** A state of the automaton: its transitions, its failure link, the longest secret ending here. */
    private static final class Node {
        final Map<Character, Node> next = new HashMap<>(4);
        Node fail;
        int matchLength;
    }

    private final Node root = new Node();
    private final int shortest;

    SecretMasker(Collection<String> secrets) {
        int min = Integer.MAX_VALUE;
        for (String secret : secrets) {
            if (secret.isEmpty()) {
                continue;
            }
            min = Math.min(min, secret.length());
            Node node = root;
            for (int i = 0; i < secret.length(); i++) {
                node = node.next.computeIfAbsent(secret.charAt(i), c -> new Node());
            }
            node.matchLength = Math.max(node.matchLength, secret.length());
        }
        this.shortest = min;
        linkFailures();
    }

    private void linkFailures() {
        ArrayDeque<Node> queue = new ArrayDeque<>();
        root.fail = root;
        for (Node child : root.next.values()) {
            child.fail = root;
            queue.add(child);
        }
        while (!queue.isEmpty()) {
            Node node = queue.poll();
            for (Map.Entry<Character, Node> edge : node.next.entrySet()) {
                Node child = edge.getValue();
                Node fail = node.fail;
                while (fail != root && !fail.next.containsKey(edge.getKey())) {
                    fail = fail.fail;
                }
                Node target = fail.next.get(edge.getKey());
                child.fail = target != null && target != child ? target : root;
                child.matchLength = Math.max(child.matchLength, child.fail.matchLength);
                queue.add(child);
            }
        }
    }

    /** The text with every secret in it replaced by {@link #MASK}; the same instance when it holds none. */
    String mask(String text) {
        if (text == null || text.length() < shortest) {
            return text;
        }
        boolean[] secret = null;
        Node node = root;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            while (node != root && !node.next.containsKey(c)) {
                node = node.fail;
            }
            node = node.next.getOrDefault(c, root);
            if (node.matchLength > 0) {
                if (secret == null) {
                    secret = new boolean[text.length()];
                }
                for (int j = i - node.matchLength + 1; j <= i; j++) {
                    secret[j] = true;
                }
            }
        }
        return secret == null ? text : masked(text, secret);
    }

    private static String masked(String text, boolean[] secret) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            if (!secret[i]) {
                out.append(text.charAt(i));
            } else if (i == 0 || !secret[i - 1]) {
                out.append(MASK);
            }
        }
        return out.toString();
    }
}
