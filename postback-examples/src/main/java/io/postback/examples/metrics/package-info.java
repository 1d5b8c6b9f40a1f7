/**
 * Metrics of the processor on Micrometer: {@link io.postback.examples.metrics.PostbackMetrics} is
 * the observer that counts and times postbacks and the binder of the outbox and unauthenticated
 * gauges (docs/observability.md). Micrometer is an optional dependency of this module: a host that
 * uses this package adds {@code micrometer-core} and the registry of its monitoring system.
 *
 * <p>No method accepts or returns {@code null}.
 */
package io.postback.examples.metrics;
