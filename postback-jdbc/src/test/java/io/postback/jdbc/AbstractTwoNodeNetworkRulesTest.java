package io.postback.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.postback.PostbackRequest;
import io.postback.PostbackResult;
import io.postback.jdbc.testing.Invariants;
import io.postback.jdbc.testing.Node;
import io.postback.jdbc.testing.TestDatabases;
import io.postback.memory.InMemoryOfferCatalog;
import io.postback.model.Action;
import io.postback.model.Added;
import io.postback.model.BookingReason;
import io.postback.model.Cap;
import io.postback.model.CapSlot;
import io.postback.model.ErrorCode;
import io.postback.model.Lead;
import io.postback.model.LedgerEntry;
import io.postback.model.Money;
import io.postback.model.Outcome;
import io.postback.model.Party;
import io.postback.model.Status;
import io.postback.testing.MutableClock;
import io.postback.testing.NetworkCatalog;
import io.postback.testing.contract.StoreFuzzer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The network rules across two nodes (two processors, two pools) and 16 threads on one database:
 * a cap of N admits exactly N and a slot given back is taken once (rules §14), racing repeats add
 * once each (rules §12), racing releases approve each held lead once (rules §13). Every answer is
 * checked against the tables.
 */
abstract class AbstractTwoNodeNetworkRulesTest {

    private static final int THREADS = 16;
    private static final String CATALOG = """
            {
              "offers": [{
                "id": 1, "name": "Network", "currency": "EUR", "default_goal": "reg",
                "goals": [
                  {"id": "reg", "payout": "10", "commission": {"fixed": "4"}},
                  {"id": "cpa", "payout": "50", "commission": {"fixed": "20"}},
                  {"id": "dep", "payout": "30", "commission": {"fixed": "10"}, "repeat": "add"},
                  {"id": "sale", "payout": "100", "commission": {"fixed": "40"}, "hold_period": "PT1H"}
                ],
                "caps": [
                  {"name": "cpa-total", "goal": "cpa", "per": "total", "max": 5, "counts": "create"},
                  {"name": "reg-daily", "goal": "reg", "per": "day", "zone": "Europe/Berlin", "max": 3, "counts": "approve"}
                ]
              }],
              "sites": [{"id": 12, "offer": 1, "key": "abc"}]
            }
            """;

    /** A new database with the schema; its JDBC URL and user are what the nodes connect with. */
    protected abstract DataSource database();

    protected abstract String user();

    private final MutableClock clock = new MutableClock();
    private DataSource db;
    private List<Cap> caps;
    private Node a;
    private Node b;

    @BeforeEach
    void twoNodes() {
        db = database();
        InMemoryOfferCatalog catalog = NetworkCatalog.read(CATALOG);
        caps = catalog.offer(1).orElseThrow().caps();
        JdbcOfferCatalog.importCatalog(db, catalog);
        String url = ((HikariDataSource) db).getJdbcUrl();
        // A request loses a compare-and-set only to another that won: 16 racers need 16 attempts at most.
        a = new Node(TestDatabases.pool(url, user(), 8), settings -> settings.clock(clock).maxAttempts(THREADS + 1));
        b = new Node(TestDatabases.pool(url, user(), 8), settings -> settings.clock(clock).maxAttempts(THREADS + 1));
    }

    @AfterEach
    void closeNodes() {
        a.close();
        b.close();
    }

    @Test
    void aCapOfNAdmitsExactlyNOfTheCreatesRacingOnTwoNodes() throws Exception {
        int perThread = 3;
        List<PostbackResult> answers = race(thread -> {
            List<PostbackResult> mine = new ArrayList<>();
            for (int i = 0; i < perThread; i++) {
                mine.add(create(thread, "click=cap-" + thread + "-" + i + "&goal=cpa"));
            }
            return mine;
        });

        assertThat(answers).hasSize(THREADS * perThread);
        List<Long> created = answers.stream().filter(r -> r.outcome() == Outcome.CREATED).map(r -> r.lead().orElseThrow().id())
                .sorted().toList();
        assertThat(created).as("the cap's max").hasSize(5);
        assertThat(answers).filteredOn(r -> r.outcome() != Outcome.CREATED)
                .allSatisfy(r -> assertThat(((PostbackResult.Rejected) r).code()).isEqualTo(ErrorCode.CAP));
        assertThat(a.store().latestLeads(1000)).extracting(Lead::id).containsExactlyInAnyOrderElementsOf(created);
        assertThat(a.store().capUsed(slot(0))).isEqualTo(5);
        assertThat(TestDatabases.count(db, "SELECT COUNT(*) FROM pb_journal WHERE error_code = 'cap'"))
                .isEqualTo(THREADS * perThread - 5L);
        Invariants.assertNothingHalfWritten(db, a.store());
    }

    @Test
    void anApproveCapAdmitsExactlyNAndASlotGivenBackIsTakenOnce() throws Exception {
        for (int lead = 0; lead < THREADS; lead++) {
            assertThat(a.create("click=reg-" + lead + "&exto=e&goal=reg").outcome()).isEqualTo(Outcome.CREATED);
        }

        List<PostbackResult> first = race(thread -> List.of(status(thread, "click=reg-" + thread + "&exto=e&status=approve")));

        assertThat(approvedOf(first)).as("the cap's max").hasSize(3);
        assertThat(first).filteredOn(r -> r.outcome() != Outcome.UPDATED)
                .allSatisfy(r -> assertThat(((PostbackResult.Rejected) r).code()).isEqualTo(ErrorCode.CAP));
        assertApprovedInTheTables(approvedOf(first));
        long leaving = approvedOf(first).get(0);
        Lead left = b.status("click=" + a.store().lead(leaving).orElseThrow().click().orElseThrow() + "&exto=e&status=cancelled")
                .lead().orElseThrow();
        assertThat(left.state().capSlots()).isEmpty();
        assertThat(a.store().capUsed(slot(1))).as("a lead leaving approve in the period frees its slot").isEqualTo(2);

        List<PostbackResult> again = race(thread -> first.get(thread).outcome() == Outcome.UPDATED ? List.of()
                : List.of(status(thread, "click=reg-" + thread + "&exto=e&status=approve")));

        assertThat(again).hasSize(THREADS - 3);
        assertThat(approvedOf(again)).as("the slot given back").hasSize(1);
        List<Long> approved = new ArrayList<>(approvedOf(first));
        approved.remove(leaving);
        approved.addAll(approvedOf(again));
        assertApprovedInTheTables(approved);
        Invariants.assertNothingHalfWritten(db, a.store());
    }

    @Test
    void differentRepeatsRacingOnOneLeadAllAddAndTheSameRepeatAddsOnce() throws Exception {
        Lead lead = a.create("click=rc&exto=d0&goal=dep&pay=100&status=approve").lead().orElseThrow();

        List<PostbackResult> different = race(thread -> List.of(create(thread, "click=rc&exto=d" + (thread + 1)
                + "&goal=dep&pay=" + (thread + 1))));

        assertThat(different).allSatisfy(r -> assertThat(r.outcome()).as(r.toString()).isEqualTo(Outcome.UPDATED))
                .allSatisfy(r -> assertThat(r.lead().orElseThrow().id()).isEqualTo(lead.id()));
        Lead grown = a.store().lead(lead.id()).orElseThrow();
        Added answered = addedOf(different);
        assertThat(answered.payout()).isEqualTo(Money.of("136", "EUR"));
        assertThat(grown.state().added()).isEqualTo(answered);
        assertThat(grown.state().payout()).isEqualTo(Money.of("236", "EUR"));
        assertThat(grown.state().commission()).isEqualTo(Money.of("10", "EUR").plus(answered.commission()));
        assertThat(grown.version()).isEqualTo(1 + THREADS);
        assertThat(repeatBookings(lead.id(), Party.ADVERTISER)).hasSize(THREADS);

        List<PostbackResult> same = race(thread -> List.of(create(thread, "click=rc&exto=dsame&goal=dep&pay=7")));

        assertThat(same).filteredOn(r -> r.outcome() == Outcome.UPDATED).hasSize(1);
        assertThat(same).filteredOn(r -> r.outcome() == Outcome.DUPLICATE).hasSize(THREADS - 1);
        assertThat(same).allSatisfy(r -> assertThat(r.lead().orElseThrow().id()).isEqualTo(lead.id()));
        Lead once = a.store().lead(lead.id()).orElseThrow();
        assertThat(once.state().payout()).isEqualTo(Money.of("243", "EUR"));
        assertThat(once.state().added()).isEqualTo(answered.plus(addedOf(same)));
        assertThat(repeatBookings(lead.id(), Party.ADVERTISER)).hasSize(THREADS + 1);
        assertThat(repeatBookings(lead.id(), Party.WEBMASTER)).hasSize(THREADS + 1);
        assertThat(a.store().latestLeads(10)).hasSize(1);
        Invariants.assertNothingHalfWritten(db, a.store());
    }

    @Test
    void twoNodesReleasingTogetherApproveEachHeldLeadOnce() throws Exception {
        int held = 30;
        for (int i = 0; i < held; i++) {
            Lead lead = a.create("click=hold-" + i + "&exto=s&goal=sale&status=approve").lead().orElseThrow();
            assertThat(lead.status()).isEqualTo(Status.HOLD);
        }
        clock.advance(Duration.ofHours(2));
        AtomicInteger released = new AtomicInteger();

        race(thread -> {
            released.addAndGet((thread % 2 == 0 ? a : b).processor().releaseDue());
            return List.of();
        });

        assertThat(released.get()).as("the releases the calls answered").isEqualTo(held);
        List<Lead> leads = a.store().latestLeads(1000);
        assertThat(leads).hasSize(held).allSatisfy(lead -> {
            assertThat(lead.status()).isEqualTo(Status.APPROVE);
            assertThat(lead.state().held()).isEmpty();
            assertThat(lead.version()).isEqualTo(2);
            for (Party party : Party.values()) {
                assertThat(a.store().ledger(lead.id())).filteredOn(e -> e.party() == party)
                        .singleElement().satisfies(e -> assertThat(e.reason()).isEqualTo(BookingReason.APPROVE));
            }
        });
        assertThat(TestDatabases.count(db, "SELECT COUNT(*) FROM pb_journal WHERE postback_action = 'release'")).isEqualTo(held);
        assertThat(a.processor().releaseDue()).isZero();
        assertThat(a.store().dueForRelease(clock.instant(), 100)).isEmpty();
        Invariants.assertNothingHalfWritten(db, a.store());
    }

    /** Each of 16 threads (even ones on node a, odd ones on node b) sends its postbacks; all answers. */
    private static List<PostbackResult> race(Sender sender) throws Exception {
        Map<Integer, List<PostbackResult>> answers = new ConcurrentHashMap<>();
        StoreFuzzer.run(THREADS, thread -> {
            answers.put(thread, sender.send(thread));
            return null;
        });
        List<PostbackResult> all = new ArrayList<>();
        for (int thread = 0; thread < THREADS; thread++) {
            all.addAll(answers.get(thread));
        }
        return Collections.unmodifiableList(all);
    }

    @FunctionalInterface
    private interface Sender {
        List<PostbackResult> send(int thread) throws Exception;
    }

    private PostbackResult create(int thread, String query) {
        return (thread % 2 == 0 ? a : b).create(query);
    }

    private PostbackResult status(int thread, String query) {
        return (thread % 2 == 0 ? a : b).processor().handle(PostbackRequest.fromQuery(Action.STATUS, "token=12-abc&" + query));
    }

    /** The slot of the catalog's cap number {@code index} in the period of the clock. */
    private CapSlot slot(int index) {
        Cap cap = caps.get(index);
        return new CapSlot(cap.key(1), cap.period(clock.instant()));
    }

    private static List<Long> approvedOf(List<PostbackResult> answers) {
        return answers.stream().filter(r -> r.outcome() == Outcome.UPDATED).map(r -> r.lead().orElseThrow())
                .peek(lead -> assertThat(lead.status()).isEqualTo(Status.APPROVE)).map(Lead::id).toList();
    }

    /** The leads the answers approved are the ones the tables hold in approve, each with its slot, and the counter says so. */
    private void assertApprovedInTheTables(List<Long> approved) {
        List<Lead> inApprove = a.store().latestLeads(1000).stream().filter(l -> l.status() == Status.APPROVE).toList();
        assertThat(inApprove).extracting(Lead::id).containsExactlyInAnyOrderElementsOf(approved);
        assertThat(inApprove).allSatisfy(l -> assertThat(l.state().capSlots()).containsExactly(slot(1)));
        assertThat(a.store().capUsed(slot(1))).isEqualTo(approved.size());
    }

    private static Added addedOf(List<PostbackResult> answers) {
        Added sum = Added.none(java.util.Currency.getInstance("EUR"));
        for (PostbackResult r : answers) {
            if (r instanceof PostbackResult.Applied applied && applied.added().isPresent()) {
                sum = sum.plus(applied.added().get());
            }
        }
        return sum;
    }

    private List<LedgerEntry> repeatBookings(long leadId, Party party) {
        return a.store().ledger(leadId).stream().filter(e -> e.party() == party && e.reason() == BookingReason.REPEAT).toList();
    }
}
