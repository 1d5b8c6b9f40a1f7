package io.postback.examples.bench;

import io.postback.model.Action;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The benchmark mix of realistic postbacks, deterministic for a seed: 70% CREATE with a new
 * (click, exto), 10% a repeat of an earlier CREATE (a retried postback, answered duplicate),
 * 20% STATUS of an earlier lead with override lists, an advertiser's status word and a goal alias.
 * Query strings are percent-encoded as a real sender would send them.
 */
public final class Workload {

    /** One postback: its endpoint and raw query string. */
    public record Postback(Action action, String query) {
    }

    private static final String[] STATUS_WORDS = {"Lead_OK", "approved", "pending", "rejected", "on hold", "Fraud"};
    private static final String[] GOALS = {"deposit", "ftd", "registration", "reg", "dep"};

    private Workload() {
    }

    /** {@code size} postbacks for the site token, with keys prefixed so that several workloads never share keys. */
    public static List<Postback> generate(int size, String token, String keyPrefix, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Postback> postbacks = new ArrayList<>(size);
        List<String> created = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            int dice = random.nextInt(100);
            if (dice < 70 || created.isEmpty()) {
                String key = "click=" + keyPrefix + "c" + i + "-7f3a9e&exto=" + keyPrefix + "ord" + i;
                created.add(key);
                postbacks.add(new Postback(Action.CREATE, "token=" + token + "&" + key + "&sub1=fb%20ads&comment=via%20api"));
            } else if (dice < 80) {
                String key = created.get(random.nextInt(created.size()));
                postbacks.add(new Postback(Action.CREATE, "token=" + token + "&" + key + "&sub1=fb%20ads&comment=via%20api"));
            } else {
                String key = created.get(random.nextInt(created.size()));
                String word = STATUS_WORDS[random.nextInt(STATUS_WORDS.length)].replace(" ", "%20");
                String goal = GOALS[random.nextInt(GOALS.length)];
                postbacks.add(new Postback(Action.STATUS, "token=" + token + "&" + key + "&status=" + word
                        + "&sta=lead_ok,done&stc=rejected,declined&sth=on%20hold&goal=" + goal));
            }
        }
        return postbacks;
    }
}
