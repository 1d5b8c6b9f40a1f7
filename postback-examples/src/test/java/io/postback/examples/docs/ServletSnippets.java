package io.postback.examples.docs;

import io.postback.PostbackProcessor;
import io.postback.examples.servlet.ExplainServlet;
import io.postback.examples.servlet.PostbackServlet;
import io.postback.jdbc.JdbcLeadStore;
import io.postback.model.Action;
import io.postback.spi.OfferCatalog;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServlet;
import java.util.Set;
import javax.sql.DataSource;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/** The fragments of docs/servlet.md that are not whole classes; ServletSnippetsTest runs the embedded one. */
final class ServletSnippets {

    private ServletSnippets() {
    }

    // tag::embedded-jetty[]
    static ServletContextHandler postbackContext(DataSource dataSource, OfferCatalog catalog) {
        PostbackProcessor processor = PostbackProcessor.builder(JdbcLeadStore.builder(dataSource).build(), catalog).build();
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(async(new PostbackServlet(processor, Action.CREATE)), "/api/site/click.json");
        context.addServlet(async(new PostbackServlet(processor, Action.STATUS)), "/api/site/status.json");
        context.addServlet(async(new ExplainServlet(processor)), "/api/site/explain.json");
        return context;
    }

    /** With async support the servlet reads a body as it arrives, without holding a thread while it trickles in. */
    private static ServletHolder async(HttpServlet servlet) {
        ServletHolder holder = new ServletHolder(servlet);
        holder.setAsyncSupported(true);
        return holder;
    }
    // end::embedded-jetty[]

    static void trustedProxies(ServletContext context, PostbackProcessor processor) {
        // tag::trusted-proxies[]
        PostbackServlet.Options options = PostbackServlet.Options.defaults().withTrustedProxies(Set.of("10.0.0.5", "10.0.0.6"));
        // For the servlets the container builds, beside the processor, in the ServletContextListener:
        context.setAttribute(PostbackServlet.OPTIONS_ATTRIBUTE, options);
        // For servlets built in code:
        PostbackServlet click = new PostbackServlet(processor, Action.CREATE, options);
        // end::trusted-proxies[]
        context.addServlet("postback-click", click);
    }
}
