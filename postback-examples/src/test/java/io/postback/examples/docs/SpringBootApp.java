// tag::class[]
package io.postback.examples.docs;

import io.postback.PostbackProcessor;
import io.postback.examples.servlet.PostbackServlet;
import io.postback.jdbc.JdbcLeadStore;
import io.postback.jdbc.Schema;
import io.postback.memory.InMemoryOfferCatalog;
import io.postback.model.Action;
import io.postback.spi.OfferCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.Resource;

/** The postback endpoints in a Spring Boot application (docs/spring-boot.md). */
@SpringBootApplication
public class SpringBootApp {

    public static void main(String[] args) {
        SpringApplication.run(SpringBootApp.class, args);
    }

    /** On Boot's DataSource (spring.datasource.*); built after Boot's Flyway or Liquibase, if any, has run. */
    @Bean
    @DependsOnDatabaseInitialization
    JdbcLeadStore leadStore(DataSource dataSource) {
        // Creates the tables or the missing versions; finds nothing to do where a migration tool
        // already applied the files (docs/databases.md, "Migrations with Flyway (or Liquibase)").
        Schema.create(dataSource);
        return JdbcLeadStore.builder(dataSource).build();
    }

    /** The catalog document of docs/catalog.md; JdbcOfferCatalog.builder(dataSource).build() reads the tables instead. */
    @Bean
    OfferCatalog offerCatalog(@Value("${postback.catalog}") Resource json) throws IOException {
        try (InputStream in = json.getInputStream()) {
            return InMemoryOfferCatalog.fromJson(in);
        }
    }

    @Bean
    PostbackProcessor postbackProcessor(JdbcLeadStore leadStore, OfferCatalog offerCatalog,
            @Value("${postback.deadline:3s}") Duration deadline) {
        return PostbackProcessor.builder(leadStore, offerCatalog)
                .deadline(deadline)  // every statement's timeout is the time left of it (docs/RELIABILITY.md, "Deadlines")
                .build();
    }

    @Bean
    ServletRegistrationBean<PostbackServlet> createServlet(PostbackProcessor processor) {
        return endpoint(new PostbackServlet(processor, Action.CREATE), "/api/site/click.json");
    }

    @Bean
    ServletRegistrationBean<PostbackServlet> statusServlet(PostbackProcessor processor) {
        return endpoint(new PostbackServlet(processor, Action.STATUS), "/api/site/status.json");
    }

    private static ServletRegistrationBean<PostbackServlet> endpoint(PostbackServlet servlet, String path) {
        ServletRegistrationBean<PostbackServlet> registration = new ServletRegistrationBean<>(servlet, path);
        registration.setAsyncSupported(true);  // a POST body is read without blocking a thread (docs/servlet.md)
        return registration;
    }
}
// end::class[]
