package io.postback;

import static org.assertj.core.api.Assertions.assertThat;

import io.postback.model.JournalEntry;
import io.postback.model.Lead;
import io.postback.model.Outcome;
import io.postback.model.Party;
import io.postback.testing.EngineFixture;
import io.postback.testing.Postbacks;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Rules §3 and §9 with the in-memory store: exactly-once creation and no lost update under 8 threads. */
class ConcurrencyTest {

    private static final int THREADS = 8;

    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);

    @AfterEach
    void stop() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
    }

    /** A postback sent by a thread, and what it answered. */
    record Sent(String query, PostbackResult result) {
    }

    /** Runs {@code perThread.apply(t)} on {@value #THREADS} threads released together; all they sent. */
    private List<Sent> race(IntFunction<List<Callable<Sent>>> perThread) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<Sent>>> futures = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            List<Callable<Sent>> work = perThread.apply(t);
            futures.add(pool.submit(() -> {
                start.await();
                List<Sent> sent = new ArrayList<>();
                for (Callable<Sent> c : work) {
                    sent.add(c.call());
                }
                return sent;
            }));
        }
        start.countDown();
        List<Sent> all = new ArrayList<>();
        for (Future<List<Sent>> f : futures) {
            all.addAll(f.get(2, TimeUnit.MINUTES));
        }
        return all;
    }

    private static Callable<Sent> send(EngineFixture fx, boolean create, String query) {
        return () -> new Sent(query, fx.handle(create ? Postbacks.create(query) : Postbacks.status(query)));
    }

    private static List<String> keys() {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            keys.add("click=k" + (i % 10) + "&exto=e" + i);
        }
        for (int i = 0; i < 10; i++) {
            keys.add("flow=1234&exto=f" + i);
        }
        return keys;
    }

    @Test
    void eightThreadsSendingTheSameCreatesWithExtoMakeOneLeadPerKey() throws Exception {
        EngineFixture fx = EngineFixture.standard();
        List<String> keys = keys();

        List<Sent> sent = race(t -> {
            List<String> mine = new ArrayList<>(keys);
            Collections.shuffle(mine, new Random(t));
            List<Callable<Sent>> work = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                mine.forEach(key -> work.add(send(fx, true, "token=12-abc&" + key)));
            }
            return work;
        });

        assertThat(fx.leads()).hasSize(keys.size());
        Map<String, List<PostbackResult>> byKey = new HashMap<>();
        sent.forEach(s -> byKey.computeIfAbsent(s.query(), k -> new ArrayList<>()).add(s.result()));
        assertThat(byKey).hasSize(keys.size());
        byKey.forEach((query, results) -> {
            assertThat(results).hasSize(THREADS * 3);
            assertThat(results).filteredOn(r -> r.outcome() == Outcome.CREATED).as(query).hasSize(1);
            assertThat(results).extracting(PostbackResult::outcome).containsOnly(Outcome.CREATED, Outcome.DUPLICATE);
            assertThat(results).extracting(r -> r.lead().orElseThrow().id()).as(query).containsOnly(
                    results.get(0).lead().orElseThrow().id());
        });
        assertThat(fx.journal()).hasSize(sent.size());
    }

    @Test
    void createsAndAutoCreatingStatusPostbacksRacingOnOneKeyMakeOneLead() throws Exception {
        EngineFixture fx = EngineFixture.standard();

        List<Sent> sent = race(t -> {
            List<Callable<Sent>> work = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String key = "click=a" + i + "&exto=o" + i;
                work.add(t % 2 == 0
                        ? send(fx, true, "token=12-abc&" + key)
                        : send(fx, false, "token=12-abc&" + key + (t % 4 == 1 ? "&status=hold&auto=1" : "&status=new")));
            }
            return work;
        });

        assertThat(fx.leads()).hasSize(20);
        assertThat(sent).filteredOn(s -> s.result().outcome() == Outcome.CREATED).hasSize(20);
        assertThat(sent).noneMatch(s -> s.result().isRejected());
    }

    @Test
    void oneLeadPerClickHoldsUnderRacingCreates() throws Exception {
        EngineFixture fx = EngineFixture.with(b -> b.duplicatePolicy(DuplicatePolicy.onePerClick()));

        race(t -> {
            List<Callable<Sent>> work = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                work.add(send(fx, true, "token=12-abc&click=p" + ((i + t) % 25)));
            }
            return work;
        });

        assertThat(fx.leads()).hasSize(25);
        assertThat(fx.leads()).extracting(l -> l.click().orElseThrow()).doesNotHaveDuplicates();
    }

    @Test
    void racingStatusChangesLoseNoUpdate() throws Exception {
        EngineFixture fx = EngineFixture.with(b -> b.maxAttempts(1_000));
        long id = fx.create("token=12-abc&click=r&exto=o&goal=rs").lead().orElseThrow().id();
        String[] statuses = {"approved", "cancelled", "trash"};

        List<Sent> sent = race(t -> {
            List<Callable<Sent>> work = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                // every postback sets a payout no other sets, so none is 'unchanged'
                String pay = t + "." + String.format("%02d", i + 1);
                work.add(send(fx, false, "token=12-abc&click=r&exto=o&status=" + statuses[(t + i) % 3] + "&pay=" + pay
                        + "&comment=t" + t + "-" + i));
            }
            return work;
        });

        List<PostbackResult> updated = sent.stream().map(Sent::result).filter(r -> r.outcome() == Outcome.UPDATED).toList();
        // a change that kept losing the compare-and-set is answered 'conflict' (the sender retries), never dropped
        assertThat(sent).allSatisfy(s -> assertThat(s.result() instanceof PostbackResult.Rejected r
                ? r.code() == io.postback.model.ErrorCode.CONFLICT : s.result().outcome() == Outcome.UPDATED).isTrue());
        // every applied change got its own version: none was applied on top of a state another had replaced
        List<Long> versions = updated.stream().map(r -> r.lead().orElseThrow().version()).sorted().toList();
        assertThat(versions).doesNotHaveDuplicates();
        assertThat(versions).hasSize(updated.size());
        if (!versions.isEmpty()) {
            assertThat(versions.get(0)).isEqualTo(2);
            assertThat(versions.get(versions.size() - 1)).isEqualTo(updated.size() + 1L);
        }
        Lead last = fx.lead(id);
        assertThat(last.version()).isEqualTo(1L + updated.size());
        PostbackResult newest = updated.stream().max((a, b) -> Long.compare(a.lead().orElseThrow().version(),
                b.lead().orElseThrow().version())).orElseThrow();
        assertThat(last.state()).isEqualTo(newest.lead().orElseThrow().state());
        for (PostbackResult r : updated) {
            Sent s = sent.stream().filter(x -> x.result() == r).findFirst().orElseThrow();
            String pay = s.query().replaceAll(".*&pay=([^&]+).*", "$1");
            assertThat(r.lead().orElseThrow().state().payout().amount()).as(s.query()).isEqualByComparingTo(pay);
        }
        assertThat(fx.journal()).filteredOn(e -> e.outcome() == Outcome.UPDATED).extracting(JournalEntry::leadId)
                .hasSize(updated.size());
        assertThat(fx.booked(id, Party.ADVERTISER)).isEqualTo(last.state().earned(Party.ADVERTISER));
        assertThat(fx.booked(id, Party.WEBMASTER)).isEqualTo(last.state().earned(Party.WEBMASTER));
    }
}
