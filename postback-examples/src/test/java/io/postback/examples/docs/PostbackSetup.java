package io.postback.examples.docs;

// The README's quick start, step 3: the whole class, imports included (QuickStartTest runs it on Jetty).
// tag::quick-start[]
import com.zaxxer.hikari.HikariDataSource;
import io.postback.PostbackProcessor;
import io.postback.examples.servlet.PostbackServlet;
import io.postback.jdbc.JdbcLeadStore;
import io.postback.jdbc.Schema;
import io.postback.memory.InMemoryOfferCatalog;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.annotation.WebListener;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the one PostbackProcessor of the application at start-up and serves it on two endpoints. */
@WebListener
public class PostbackSetup implements ServletContextListener {

    private static final Logger LOG = LoggerFactory.getLogger(PostbackSetup.class);

    private HikariDataSource dataSource;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(setting(context, "postback.jdbc-url", "jdbc:h2:file:./data/postback"));
        try (InputStream json = Files.newInputStream(Path.of(setting(context, "postback.catalog", "catalog.json")))) {
            // Creates the tables, or brings them to the current version. In production, run the shipped
            // DDL with your migrations instead (docs/databases.md, "The DDL", with Flyway).
            Schema.create(dataSource);
            InMemoryOfferCatalog catalog = InMemoryOfferCatalog.fromJson(json); // or JdbcOfferCatalog
            PostbackProcessor processor = PostbackProcessor.builder(JdbcLeadStore.builder(dataSource).build(), catalog)
                    .eventListener(leadEvent -> LOG.info("{}", leadEvent)) // optional: after commit (docs/rules.md §9.9)
                    .build();
            context.setAttribute(PostbackServlet.PROCESSOR_ATTRIBUTE, processor);
        } catch (IOException | RuntimeException e) {
            dataSource.close();
            throw new IllegalStateException("postback set-up failed: " + e.getMessage(), e);
        }
        // The container builds the servlets; each takes the processor from the attribute in init().
        endpoint(context, "postback-click", "create", "/api/site/click.json");
        endpoint(context, "postback-status", "status", "/api/site/status.json");
    }

    private static void endpoint(ServletContext context, String name, String action, String path) {
        ServletRegistration.Dynamic servlet = context.addServlet(name, PostbackServlet.class);
        servlet.setInitParameter(PostbackServlet.ACTION_PARAMETER, action);
        servlet.setAsyncSupported(true); // bodies are read as they arrive, without holding a thread
        servlet.setLoadOnStartup(1);     // a misconfiguration fails the start, not the first postback
        servlet.addMapping(path);
    }

    /** A web.xml {@code <context-param>}, or the default. */
    private static String setting(ServletContext context, String name, String otherwise) {
        return Objects.requireNonNullElse(context.getInitParameter(name), otherwise);
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        dataSource.close();
    }
}
// end::quick-start[]
