package io.postback.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.postback.jdbc.testing.EmbeddedPostgresServer;
import io.postback.spi.LeadLookup;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Lookups must not run as server-prepared statements: PostgreSQL would keep the generic plan it
 * made while the table was empty (a sequential scan) until the next auto-analyze. The session's
 * {@code pg_prepared_statements} shows which statements the driver prepared on the server.
 */
class PostgresLookupPlanningTest {

    @Test
    void lookupsArePlannedWithTheirValuesEveryTime() throws Exception {
        EmbeddedPostgresServer server = EmbeddedPostgresServer.shared();
        javax.sql.DataSource database = server.newDatabase();
        Schema.create(database);
        HikariConfig config = new HikariConfig();
        config.setDataSource(database);
        config.setMaximumPoolSize(1); // one session, so its prepared statements are the ones we look at
        try (HikariDataSource pool = new HikariDataSource(config)) {
            JdbcLeadStore store = JdbcLeadStore.builder(pool).build();
            for (int i = 0; i < 20; i++) {
                store.find(new LeadLookup.ByKey(1, "x:c" + i + "\u001Fo"));
                store.find(new LeadLookup.NewestOfClick(1, "c" + i));
                store.find(new LeadLookup.ById(1, i));
                store.latestLeads(5); // a dashboard read, prepared as usual
            }
            List<String> prepared = new ArrayList<>();
            try (Connection c = pool.getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT statement FROM pg_prepared_statements")) {
                while (rs.next()) {
                    prepared.add(rs.getString(1));
                }
            }
            assertThat(prepared).as("the driver does prepare statements on the server in this session")
                    .anySatisfy(sql -> assertThat(sql).contains("ORDER BY id DESC"));
            assertThat(prepared).noneSatisfy(sql -> assertThat(sql).contains("dedupe_key = $2"));
            assertThat(prepared).noneSatisfy(sql -> assertThat(sql).contains("click = $2"));
            assertThat(prepared).noneSatisfy(sql -> assertThat(sql).contains("id = $1 AND offer_id = $2"));
        }
    }
}
