/**
 * JDBC implementations of the core SPIs: {@link io.postback.jdbc.JdbcLeadStore} (leads, journal,
 * ledger, event outbox, seen signatures), {@link io.postback.jdbc.JdbcOfferCatalog} and the exchange
 * rates converter {@link io.postback.jdbc.JdbcExchangeRates}, over a
 * {@link javax.sql.DataSource} the host already runs, with the DDL per {@link io.postback.jdbc.Dialect}
 * in {@code io/postback/jdbc/schema/} and {@link io.postback.jdbc.Schema#create} for demos and tests.
 * Absent results are {@code Optional}, never {@code null}.
 */
package io.postback.jdbc;
