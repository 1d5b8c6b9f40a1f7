/**
 * Internal: the SQL behind the JDBC stores (runner, per-dialect statements, row mapping). Not an
 * API; anything here may change in any release.
 */
package io.postback.jdbc.internal;
