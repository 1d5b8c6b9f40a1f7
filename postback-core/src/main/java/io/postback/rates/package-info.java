/**
 * Exchange rates for the {@link io.postback.spi.CurrencyConverter} SPI (docs/rates.md): rows of a
 * rates table ({@link io.postback.rates.RateRow}), an immutable table that picks the rate valid at
 * an instant ({@link io.postback.rates.RateTable}), and a reader of rates files in the ECB
 * reference-rate layout or a plain one ({@link io.postback.rates.RatesCsv}). Pure: no I/O but the
 * reader a caller hands in. Absent results are {@code Optional} and empty lists, never {@code null}.
 */
package io.postback.rates;
