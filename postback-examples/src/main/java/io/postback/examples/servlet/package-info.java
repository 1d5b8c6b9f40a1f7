/**
 * The Jakarta Servlet adapter: {@link io.postback.examples.servlet.PostbackServlet} serves one
 * postback endpoint, {@link io.postback.examples.servlet.ExplainServlet} the dry run, and
 * {@link io.postback.examples.servlet.ClientAddress} decides which remote address the processor sees
 * ({@code X-Forwarded-For} only from trusted proxies). Small enough to copy into a host's code base.
 * The servlets are built with their processor, or by the container with no arguments: then they take
 * it in {@code init()} from the servlet context attribute
 * {@link io.postback.examples.servlet.PostbackServlet#PROCESSOR_ATTRIBUTE} (docs/servlet.md).
 *
 * <p>No method accepts or returns {@code null}; the servlet API's own nulls (an absent query
 * string or content type) are handled inside.
 */
package io.postback.examples.servlet;
