package io.postback.examples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.postback.PostbackProcessor;
import io.postback.examples.demo.DemoServer;
import io.postback.examples.servlet.PostbackServlet;
import io.postback.jdbc.Schema;
import io.postback.memory.InMemoryLeadStore;
import io.postback.memory.InMemoryOfferCatalog;
import jakarta.servlet.annotation.WebInitParam;
import jakarta.servlet.annotation.WebServlet;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/**
 * The classes docs/servlet.md shows serve postbacks, declared the way it says: the copyable
 * {@link PostbackEndpoint} and the annotated {@link ClickServlet} built by the container from
 * their class, and the embedded context of {@link ServletSnippets#postbackContext}.
 */
class ServletSnippetsTest {

    private static final String CREATED = "{\"status\":\"ok\",\"id\":1,\"result\":\"created\",\"lead_status\":\"new\",\"goal\":\"reg\","
            + "\"payout\":\"10.00\",\"commission\":\"4.00\",\"currency\":\"EUR\"}";

    @Test
    void the_copyable_endpoint_built_by_the_container_serves_a_query_a_form_and_a_json_body() throws Exception {
        PostbackProcessor processor = PostbackProcessor.builder(new InMemoryLeadStore(), sampleCatalog()).build();
        try (DocsJetty jetty = DocsJetty.start(context -> {
            context.setAttribute(PostbackServlet.PROCESSOR_ATTRIBUTE, processor);
            context.addServlet(endpoint("postback-click", "create"), "/api/site/click.json");
            context.addServlet(endpoint("postback-status", "status"), "/api/site/status.json");
        })) {
            assertThat(jetty.get("/api/site/click.json?token=12-abc&click=c1&exto=o-1").body()).isEqualTo(CREATED);
            assertThat(jetty.post("/api/site/status.json?token=12-abc", "application/x-www-form-urlencoded",
                    "click=c1&exto=o-1&status=approved").body()).contains("\"id\":1,\"result\":\"updated\",\"lead_status\":\"approve\"");
            assertThat(jetty.post("/api/site/click.json", "application/json",
                    "{\"token\":\"12-abc\",\"click\":\"c2\",\"exto\":\"o-2\"}").body()).contains("\"id\":2,\"result\":\"created\"");
            assertThat(jetty.post("/api/site/click.json?token=12-abc", "text/plain", "click=c3").body())
                    .isEqualTo("{\"status\":\"error\",\"error\":\"param\","
                            + "\"message\":\"send the parameters in the query string, as a form or as one JSON object\"}");
        }
    }

    @Test
    void a_copyable_endpoint_without_its_action_fails_the_start_saying_what_to_set() throws Exception {
        PostbackProcessor processor = PostbackProcessor.builder(new InMemoryLeadStore(), sampleCatalog()).build();
        Exception failure = null;
        try (DocsJetty jetty = DocsJetty.start(context -> {
            context.setAttribute(PostbackServlet.PROCESSOR_ATTRIBUTE, processor);
            ServletHolder holder = new ServletHolder("postback-click", PostbackEndpoint.class);
            holder.setInitOrder(1);
            context.addServlet(holder, "/api/site/click.json");
        })) {
            assertThat(jetty.port()).isPositive();
        } catch (Exception e) {
            failure = e;
        }
        assertThat(failure).hasStackTraceContaining("set the init parameter action to create or status");
    }

    @Test
    void the_annotated_servlet_serves_postbacks_as_its_annotation_declares_it() throws Exception {
        PostbackProcessor processor = PostbackProcessor.builder(new InMemoryLeadStore(), sampleCatalog()).build();
        WebServlet declared = ClickServlet.class.getAnnotation(WebServlet.class);
        assertThat(declared.asyncSupported()).isTrue();
        try (DocsJetty jetty = DocsJetty.start(context -> {
            // What a container's scan of @WebServlet does, which an embedded ServletContextHandler does not.
            ServletHolder holder = new ServletHolder(declared.name(), ClickServlet.class);
            for (WebInitParam parameter : declared.initParams()) {
                holder.setInitParameter(parameter.name(), parameter.value());
            }
            holder.setAsyncSupported(declared.asyncSupported());
            holder.setInitOrder(declared.loadOnStartup());
            for (String path : declared.urlPatterns()) {
                context.addServlet(holder, path);
            }
            context.setAttribute(PostbackServlet.PROCESSOR_ATTRIBUTE, processor);
        })) {
            assertThat(jetty.get("/api/site/click.json?token=12-abc&click=c1&exto=o-1").body()).isEqualTo(CREATED);
            // A body goes through the servlet's non-blocking read, which async support turns on.
            assertThat(jetty.post("/api/site/click.json?token=12-abc", "application/x-www-form-urlencoded", "click=c2&exto=o-2").body())
                    .contains("\"id\":2,\"result\":\"created\"");
        }
    }

    @Test
    void the_embedded_context_serves_postbacks_and_the_dry_run() throws Exception {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:servlet-snippets-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Schema.create(dataSource);
        ServletContextHandler context = ServletSnippets.postbackContext(dataSource, sampleCatalog());
        try (DocsJetty jetty = DocsJetty.start(context)) {
            HttpResponse<String> explained = jetty.get("/api/site/explain.json?action=click&token=12-abc&click=c1&exto=o-1");
            assertThat(explained.body()).contains("\"result\":\"created\"");
            assertThat(jetty.get("/api/site/click.json?token=12-abc&click=c1&exto=o-1").body()).isEqualTo(CREATED);
            assertThat(jetty.get("/api/site/status.json?token=12-abc&click=c1&exto=o-1&status=approved").body())
                    .contains("\"id\":1,\"result\":\"updated\"");
        } finally {
            try (var connection = dataSource.getConnection(); var statement = connection.createStatement()) {
                statement.execute("SHUTDOWN");
            }
        }
    }

    private static ServletHolder endpoint(String name, String action) {
        ServletHolder holder = new ServletHolder(name, PostbackEndpoint.class);
        holder.setInitParameter("action", action);
        holder.setInitOrder(1);
        return holder;
    }

    private static InMemoryOfferCatalog sampleCatalog() throws IOException {
        try (InputStream sample = DemoServer.class.getResourceAsStream("sample-catalog.json")) {
            return InMemoryOfferCatalog.fromJson(sample);
        }
    }
}
