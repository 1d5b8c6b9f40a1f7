package io.postback.jdbc;

import static io.postback.testing.contract.Fixtures.created;
import static io.postback.testing.contract.Fixtures.key;
import static io.postback.testing.contract.Fixtures.lead;
import static io.postback.testing.contract.Fixtures.updated;
import static org.assertj.core.api.Assertions.assertThat;

import io.postback.jdbc.testing.TestDatabases;
import io.postback.model.Lead;
import io.postback.spi.Effects;
import io.postback.spi.LeadLookup;
import io.postback.spi.Update;
import io.postback.testing.contract.Fixtures;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * An update that gives a lead a key it holds already is outdated (rules §12): the same repeat was
 * applied meanwhile, by a postback that read the lead before. Were it applied, a repeat that raced
 * with itself would add twice (MariaDbTwoNodeNetworkRulesTest saw it).
 */
class RepeatKeyTwiceTest {

    private static final DataSource DATABASE = TestDatabases.h2();

    @Test
    void aKeyTheLeadHoldsAlreadyRefusesTheUpdateAndWritesNothing() {
        TestDatabases.clear(DATABASE);
        JdbcLeadStore store = JdbcLeadStore.builder(DATABASE).build();
        Lead a = Fixtures.leadOf(store.insert(lead(1, "c1", "o1", true), created(lead(1, "c1", "o1", true))));
        Lead once = a.withState(Fixtures.withComment(a.state(), "repeat o2"));
        assertThat(store.update(once, withKeys(updated(once), key("c1", "o2")))).isEqualTo(Update.APPLIED);
        Lead current = once.nextVersion();
        Lead twice = current.withState(Fixtures.withComment(current.state(), "repeat o2 again"));
        int journal = store.latestJournal(100).size();

        assertThat(store.update(twice, withKeys(updated(twice), key("c1", "o2")))).as("a key it was given").isEqualTo(Update.OUTDATED);
        assertThat(store.update(twice, withKeys(updated(twice), key("c1", "o1")))).as("its own key").isEqualTo(Update.OUTDATED);

        assertThat(store.find(new LeadLookup.ById(1, a.id()))).contains(current);
        assertThat(store.latestJournal(100)).hasSize(journal);
        assertThat(store.update(twice, withKeys(updated(twice), key("c1", "o3")))).as("a new key").isEqualTo(Update.APPLIED);
    }

    private static Effects withKeys(Effects effects, String key) {
        return new Effects(effects.journal(), effects.bookings(), effects.events(), List.of(), List.of(), List.of(key));
    }
}
