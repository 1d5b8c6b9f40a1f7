/**
 * The runnable demo: {@link io.postback.examples.demo.DemoServer} serves the seed documentation's
 * endpoints, the dry run and a read-only page of the latest leads on embedded Jetty, with the JDBC
 * store (an H2 file under {@code ./data} by default) and a JSON catalog.
 *
 * <p>No method accepts or returns {@code null}.
 */
package io.postback.examples.demo;
