/**
 * The service-provider interfaces the processor runs on: {@link io.postback.spi.LeadStore} and
 * {@link io.postback.spi.OfferCatalog}, plus small optional ones (click attribution, currency
 * conversion, lead events). Absent results are {@code Optional}, never {@code null}.
 */
package io.postback.spi;
