/**
 * The retention command: {@link io.postback.examples.retention.RetentionCommand} purges old journal
 * rows, and optionally finished outbound deliveries, from the demo's database (docs/retention.md).
 * It runs from the demo jar: {@code java -jar postback-demo.jar retention --help}.
 *
 * <p>No method accepts or returns {@code null}.
 */
package io.postback.examples.retention;
