package io.postback.jdbc.internal;

/** PostgreSQL: every write is one statement (see {@link CteLeadWriter}); generated ids come from RETURNING. */
final class PostgresSql extends SqlDialect {

    PostgresSql() {
        super(Timestamps.WITH_TIME_ZONE);
    }

    @Override
    LeadWriter leadWriter(JdbcRunner runner) {
        return new CteLeadWriter(runner);
    }

    @Override
    SignatureWriter signatureWriter() {
        return new SignatureWriter.Upsert();
    }
}
