/**
 * Outbound postbacks to webmasters (rules §15): the {@link io.postback.outbound.Dispatcher} that sends
 * the deliveries the lead store enqueued, its {@link io.postback.outbound.RetryPolicy} and the
 * {@link io.postback.outbound.DeliverySignature} receivers check.
 */
package io.postback.outbound;
