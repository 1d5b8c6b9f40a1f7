package io.postback.examples.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postback.examples.servlet.PostbackServlet;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.xml.parsers.DocumentBuilderFactory;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * The README's quick start, end to end, as a reader would follow it: the catalog of step 2 in a
 * file, the listener of step 3 ({@link PostbackSetup}) on Jetty 12 with an H2 database, the
 * postbacks of step 4 over HTTP with exactly the answers the README shows; and the versions of step 1
 * are those the build uses.
 */
class QuickStartTest {

    private static final Path ROOT = DocSnippets.repositoryRoot();

    @TempDir
    Path dir;

    @Test
    void the_listener_serves_the_readmes_postbacks_keeps_the_lead_and_closes_the_pool_on_shutdown() throws Exception {
        String jdbcUrl = "jdbc:h2:mem:quickstart-" + UUID.randomUUID();
        Path catalog = dir.resolve("catalog.json");
        Files.writeString(catalog, String.join("\n", block(quickStart(), "```json")));
        List<String[]> postbacks = postbacks(quickStart());
        assertThat(postbacks).hasSize(2);

        try (DocsJetty jetty = DocsJetty.start(context -> {
            // What web.xml's <context-param>s and the container's scan of @WebListener do.
            context.setInitParameter("postback.jdbc-url", jdbcUrl);
            context.setInitParameter("postback.catalog", catalog.toString());
            context.addEventListener(new PostbackSetup());
        })) {
            for (String[] postback : postbacks) {
                HttpResponse<String> answer = jetty.get(postback[0]);
                assertThat(answer.statusCode()).as(postback[0]).isEqualTo(200);
                assertThat(answer.body()).as(postback[0]).isEqualTo(postback[1]);
            }
            assertThat(postbacks.get(0)[1]).contains("\"id\":1,", "\"result\":\"created\"");
            assertThat(postbacks.get(1)[1]).contains("\"id\":1,", "\"result\":\"updated\"", "\"lead_status\":\"approve\"");
            try (Connection db = DriverManager.getConnection(jdbcUrl);
                 Statement query = db.createStatement();
                 ResultSet leads = query.executeQuery("SELECT id, site_id, click, exto, status FROM pb_lead")) {
                assertThat(leads.next()).isTrue();
                assertThat(List.of(leads.getLong(1), leads.getLong(2), leads.getString(3), leads.getString(4), leads.getString(5)))
                        .containsExactly(1L, 12L, "c1", "o-1", "approve");
                assertThat(leads.next()).isFalse();
            }
        }
        // Closing the pool closed the last connection, and with it H2's in-memory database.
        try (Connection db = DriverManager.getConnection(jdbcUrl)) {
            assertThat(db.getMetaData().getTables(null, null, "PB_LEAD", null).next()).isFalse();
        }
    }

    @Test
    void a_servlet_declared_without_the_listener_fails_the_start_saying_what_to_set() {
        assertThatThrownBy(() -> DocsJetty.start(context -> {
            ServletHolder click = new ServletHolder("postback-click", PostbackServlet.class);
            click.setInitParameter(PostbackServlet.ACTION_PARAMETER, "create");
            click.setInitOrder(1);
            context.addServlet(click, "/api/site/click.json");
        }).close())
                .hasStackTraceContaining("servlet 'postback-click' has no processor: the servlet context attribute "
                        + "\"io.postback.PostbackProcessor\" is not set. Set it to the application's PostbackProcessor "
                        + "(PostbackServlet.PROCESSOR_ATTRIBUTE) in a ServletContextListener's contextInitialized");
    }

    @Test
    void the_dependencies_show_the_versions_the_build_uses() throws Exception {
        Document pom = xml(Files.readString(ROOT.resolve("pom.xml")));
        String projectVersion = child(pom.getDocumentElement(), "version");
        Map<String, String> properties = new HashMap<>();
        NodeList props = ((Element) pom.getElementsByTagName("properties").item(0)).getChildNodes();
        for (int i = 0; i < props.getLength(); i++) {
            if (props.item(i) instanceof Element property) {
                properties.put(property.getTagName(), property.getTextContent().trim());
            }
        }
        properties.put("project.version", projectVersion);
        Map<String, String> managed = new HashMap<>();
        NodeList managedDependencies = ((Element) pom.getElementsByTagName("dependencyManagement").item(0))
                .getElementsByTagName("dependency");
        for (int i = 0; i < managedDependencies.getLength(); i++) {
            Element dependency = (Element) managedDependencies.item(i);
            String version = child(dependency, "version");
            String resolved = version.startsWith("${") ? properties.get(version.substring(2, version.length() - 1)) : version;
            managed.put(child(dependency, "groupId") + ":" + child(dependency, "artifactId"), resolved);
        }

        Document shown = xml("<dependencies>" + String.join("\n", block(quickStart(), "```xml")) + "</dependencies>");
        NodeList dependencies = shown.getElementsByTagName("dependency");
        List<String> artifacts = new ArrayList<>();
        for (int i = 0; i < dependencies.getLength(); i++) {
            Element dependency = (Element) dependencies.item(i);
            String groupId = child(dependency, "groupId");
            String artifact = groupId + ":" + child(dependency, "artifactId");
            artifacts.add(artifact);
            // The project's own modules have its version; the others the version the build manages and tests.
            String expected = groupId.equals("io.postback") ? projectVersion : managed.get(artifact);
            assertThat(child(dependency, "version")).as(artifact).isEqualTo(expected);
        }
        assertThat(artifacts).contains("io.postback:postback-core", "io.postback:postback-jdbc", "io.postback:postback-examples",
                "ch.qos.logback:logback-classic");
    }

    /** The lines of the README's quick start section. */
    static List<String> quickStart() {
        List<String> readme = DocSnippets.lines(ROOT.resolve("README.md"));
        int start = readme.indexOf("## Quick start");
        assertThat(start).as("README's Quick start").isNotNegative();
        int end = start + 1;
        while (end < readme.size() && !readme.get(end).startsWith("## ")) {
            end++;
        }
        return readme.subList(start, end);
    }

    /** The lines of the first block of the section opened by the given fence (after indentation). */
    static List<String> block(List<String> section, String fence) {
        for (int i = 0; i < section.size(); i++) {
            if (section.get(i).strip().equals(fence)) {
                int indent = section.get(i).indexOf('`');
                List<String> lines = new ArrayList<>();
                for (int j = i + 1; !section.get(j).strip().equals("```"); j++) {
                    lines.add(section.get(j).length() > indent ? section.get(j).substring(indent) : section.get(j).strip());
                }
                return lines;
            }
        }
        throw new AssertionError("no " + fence + " block in README's quick start");
    }

    /** Each {@code $ curl 'localhost:8080/...'} line of the section as its path and query, and the answer on the next line. */
    static List<String[]> postbacks(List<String> section) {
        List<String[]> postbacks = new ArrayList<>();
        String prefix = "$ curl 'localhost:8080";
        for (int i = 0; i < section.size() - 1; i++) {
            String line = section.get(i).strip();
            if (line.startsWith(prefix) && line.endsWith("'")) {
                postbacks.add(new String[] {line.substring(prefix.length(), line.length() - 1), section.get(i + 1).strip()});
            }
        }
        return postbacks;
    }

    private static Document xml(String text) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(text)));
    }

    /** The text of the element's direct child of that name. */
    private static String child(Element element, String name) {
        for (Node node = element.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element child && child.getTagName().equals(name)) {
                return child.getTextContent().trim();
            }
        }
        throw new AssertionError("no <" + name + "> in <" + element.getTagName() + ">");
    }
}
