package io.postback.examples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import com.zaxxer.hikari.HikariDataSource;
import io.postback.jdbc.Schema;
import io.postback.jdbc.testing.TestDatabases;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.web.embedded.tomcat.TomcatWebServer;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * SpringBootApp with the application.properties of docs/spring-boot.md, started on a random port,
 * answering postbacks over HTTP: on H2 with Schema.create, and with Boot's own Flyway applying the
 * shipped files (spring.flyway.* of docs/databases.md) on H2 and PostgreSQL. Boot is kept away from
 * logging: the JVM is shared with the tests that capture logback's output.
 */
class SpringBootAppTest {

    private static final String PROPERTIES = "classpath:io/postback/examples/docs/application.properties";
    private static final AtomicInteger H2_DATABASES = new AtomicInteger();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void answers_postbacks_over_http_with_the_tables_from_schema_create() throws Exception {
        LoggingState before = LoggingState.now();
        // The test class path has Flyway; the documented application has not.
        try (Booted app = Booted.start("--spring.flyway.enabled=false", "--spring.datasource.url=" + h2Url())) {
            assertThat(app.context.getWebServer()).isInstanceOf(TomcatWebServer.class);
            assertPostbacks(app);
        }
        assertThat(System.getProperty(LoggingSystem.SYSTEM_PROPERTY)).isNull();
        assertThat(LoggingState.now()).isEqualTo(before);
    }

    /** Each database with the pool's statement timeout as docs/spring-boot.md sets it, and how to read it back. */
    static Stream<Arguments> databases() {
        return Stream.of(
                Arguments.of("PostgreSQL", (Supplier<String>) () -> urlOf(TestDatabases.postgresWithoutSchema()), "postgres",
                        "--spring.datasource.hikari.data-source-properties.options=-c statement_timeout=5000",
                        "SHOW statement_timeout", "5s"),
                Arguments.of("H2", (Supplier<String>) SpringBootAppTest::h2Url, "sa",
                        "--spring.datasource.hikari.connection-init-sql=SET QUERY_TIMEOUT 5000",
                        "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'QUERY_TIMEOUT'", "5000"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void boots_own_flyway_applies_the_shipped_files_when_told_by_properties(String name, Supplier<String> url, String user,
            String statementTimeout, String readTimeout, String expectedTimeout) throws Exception {
        try (Booted app = Booted.start("--spring.datasource.url=" + url.get(), "--spring.datasource.username=" + user,
                statementTimeout,
                // docs/databases.md, "Migrations with Flyway (or Liquibase)": Spring Boot
                "--spring.flyway.locations=classpath:io/postback/jdbc/schema/{vendor}",
                "--spring.flyway.table=pb_flyway_history",
                "--spring.flyway.baseline-on-migrate=true",
                "--spring.flyway.baseline-version=0")) {
            DataSource dataSource = app.context.getBean(DataSource.class);
            assertThat(dataSource).isInstanceOf(HikariDataSource.class);
            assertThat(((HikariDataSource) dataSource).getConnectionTimeout()).isEqualTo(750);
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(readTimeout)) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo(expectedTimeout);
            }
            assertThat(versions(dataSource, "pb_flyway_history")).containsExactlyElementsOf(
                    java.util.stream.IntStream.rangeClosed(1, Schema.VERSION).mapToObj(String::valueOf).toList());
            assertThat(Schema.installedVersion(dataSource)).isEqualTo(Schema.VERSION);
            assertPostbacks(app);
        }
    }

    @Test
    void boots_flyway_runs_the_applications_migrations_before_the_lead_store_bean_adds_the_postback_tables() throws Exception {
        // Were the lead store built first, Boot's Flyway would find a schema with tables and no history, and refuse it.
        try (Booted app = Booted.start("--spring.datasource.url=" + h2Url(),
                "--spring.flyway.locations=classpath:io/postback/examples/docs/app-migrations")) {
            DataSource dataSource = app.context.getBean(DataSource.class);
            assertThat(versions(dataSource, "flyway_schema_history")).containsExactly("1", "2");
            assertThat(Schema.installedVersion(dataSource)).isEqualTo(Schema.VERSION);
            assertPostbacks(app);
        }
    }

    private static void assertPostbacks(Booted app) throws IOException, InterruptedException {
        assertThat(app.get("/api/site/click.json?token=12-abc&click=boot1&exto=e1")).contains("\"result\":\"created\"");
        assertThat(app.get("/api/site/click.json?token=12-abc&click=boot1&exto=e1")).contains("\"result\":\"duplicate\"");
        assertThat(app.get("/api/site/status.json?token=12-abc&click=boot1&status=approved"))
                .contains("\"result\":\"updated\"").contains("\"lead_status\":\"approve\"");
        assertThat(app.get("/api/site/click.json?token=12-wrong&click=boot2")).contains("\"error\":\"token\"");
    }

    private static String h2Url() {
        return "jdbc:h2:mem:pb_boot_" + H2_DATABASES.incrementAndGet();
    }

    /** The URL of a new PostgreSQL database; the pool that made it is closed, Boot opens its own. */
    private static String urlOf(HikariDataSource pool) {
        try (pool) {
            return pool.getJdbcUrl();
        }
    }

    /** The versions a Flyway history table records as applied. */
    private static List<String> versions(DataSource dataSource, String historyTable) throws SQLException {
        List<String> versions = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT \"version\" FROM \"" + historyTable + "\" WHERE \"success\" AND \"type\" = 'SQL'"
                     + " ORDER BY \"installed_rank\"")) {
            while (rs.next()) {
                versions.add(rs.getString(1));
            }
        }
        return versions;
    }

    /** The application, started as its main method would be, with Boot's logging system off meanwhile. */
    private static final class Booted implements AutoCloseable {

        /** Tomcat logs its start and stop through java.util.logging, which nothing bridges here: kept to warnings. */
        private static final java.util.logging.Logger TOMCAT = java.util.logging.Logger.getLogger("org.apache");

        final ServletWebServerApplicationContext context;
        private final String loggingSystem;
        private final java.util.logging.Level tomcatLevel;

        private Booted(ServletWebServerApplicationContext context, String loggingSystem, java.util.logging.Level tomcatLevel) {
            this.context = context;
            this.loggingSystem = loggingSystem;
            this.tomcatLevel = tomcatLevel;
        }

        static Booted start(String... overrides) {
            String previous = System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
            java.util.logging.Level tomcatLevel = TOMCAT.getLevel();
            TOMCAT.setLevel(java.util.logging.Level.WARNING);
            try {
                List<String> args = new ArrayList<>(List.of("--spring.config.location=" + PROPERTIES, "--server.port=0",
                        "--spring.main.banner-mode=off"));
                args.addAll(List.of(overrides));
                SpringApplication application = new SpringApplication(SpringBootApp.class);
                application.setRegisterShutdownHook(false);
                ConfigurableApplicationContext context = application.run(args.toArray(String[]::new));
                return new Booted((ServletWebServerApplicationContext) context, previous, tomcatLevel);
            } catch (RuntimeException | Error e) {
                restore(previous, tomcatLevel);
                throw e;
            }
        }

        String get(String pathAndQuery) throws IOException, InterruptedException {
            int port = context.getWebServer().getPort();
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                    .timeout(Duration.ofSeconds(30)).GET().build();
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            return response.body();
        }

        @Override
        public void close() {
            try {
                context.close();
            } finally {
                restore(loggingSystem, tomcatLevel);
            }
        }

        private static void restore(String previous, java.util.logging.Level tomcatLevel) {
            TOMCAT.setLevel(tomcatLevel);
            if (previous == null) {
                System.clearProperty(LoggingSystem.SYSTEM_PROPERTY);
            } else {
                System.setProperty(LoggingSystem.SYSTEM_PROPERTY, previous);
            }
        }
    }

    /** What Boot's logging system would have replaced: the root logger's level and appenders, the "postback" logger. */
    private record LoggingState(String rootLevel, List<String> rootAppenders, boolean postbackAdditive, String configuration) {
        static LoggingState now() {
            LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
            Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
            List<String> appenders = new ArrayList<>();
            root.iteratorForAppenders().forEachRemaining(appender -> appenders.add(appender.getName()
                    + "@" + System.identityHashCode(appender)));
            return new LoggingState(String.valueOf(root.getLevel()), appenders, context.getLogger("postback").isAdditive(),
                    String.valueOf(context.getObject(ch.qos.logback.core.CoreConstants.SAFE_JORAN_CONFIGURATION)));
        }
    }
}
