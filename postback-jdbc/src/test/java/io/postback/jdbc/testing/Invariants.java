package io.postback.jdbc.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.postback.jdbc.JdbcLeadStore;
import io.postback.model.Lead;
import io.postback.model.LedgerEntry;
import io.postback.model.Money;
import io.postback.model.Party;
import java.util.List;
import javax.sql.DataSource;

/** What must hold in the tables after any run, however it was interrupted: nothing half-written. */
public final class Invariants {

    private Invariants() {
    }

    public static void assertNothingHalfWritten(DataSource db, JdbcLeadStore store) {
        assertThat(TestDatabases.count(db, "SELECT COUNT(*) FROM pb_lead l WHERE NOT EXISTS (SELECT 1 FROM pb_journal j "
                + "WHERE j.lead_id = l.id AND j.outcome = 'created')")).as("leads without their 'created' journal row").isZero();
        assertThat(TestDatabases.count(db, "SELECT COUNT(*) FROM pb_lead l WHERE l.version - 1 <> (SELECT COUNT(*) FROM pb_journal j "
                + "WHERE j.lead_id = l.id AND j.outcome = 'updated')")).as("leads whose version does not count their updates").isZero();
        assertThat(TestDatabases.count(db, "SELECT COUNT(*) FROM pb_ledger b WHERE NOT EXISTS (SELECT 1 FROM pb_journal j "
                + "WHERE j.id = b.journal_id AND j.lead_id = b.lead_id)")).as("ledger rows without their journal row").isZero();
        assertThat(TestDatabases.count(db, "SELECT COUNT(*) FROM pb_outbox e WHERE NOT EXISTS (SELECT 1 FROM pb_lead l "
                + "WHERE l.id = e.lead_id)")).as("events of no lead").isZero();
        assertThat(TestDatabases.count(db, "SELECT COUNT(*) FROM pb_delivery d WHERE NOT EXISTS (SELECT 1 FROM pb_lead l "
                + "WHERE l.id = d.lead_id)")).as("deliveries of no lead").isZero();
        for (Lead lead : store.latestLeads(100_000)) {
            assertLedgerSumsToEarnings(store, lead);
        }
    }

    public static void assertLedgerSumsToEarnings(JdbcLeadStore store, Lead lead) {
        List<LedgerEntry> ledger = store.ledger(lead.id());
        for (Party party : Party.values()) {
            Money earned = lead.state().earned(party);
            Money sum = Money.zero(earned.currency());
            for (LedgerEntry entry : ledger) {
                if (entry.party() == party) {
                    sum = sum.plus(entry.amount());
                }
            }
            assertThat(sum).as("ledger of lead %d for %s", lead.id(), party).isEqualTo(earned);
        }
    }
}
