/**
 * JDBC stores for the postback processor: {@code JdbcLeadStore} and {@code JdbcOfferCatalog}
 * over a host's DataSource. Only the API package is exported; {@code io.postback.jdbc.internal}
 * may change in any release.
 */
module io.postback.jdbc {
    // The API implements the core's SPIs and takes a DataSource: its users need both.
    requires transitive io.postback.core;
    requires transitive java.sql;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;

    exports io.postback.jdbc;
}
