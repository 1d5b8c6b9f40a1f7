package io.postback.examples.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * What the build publishes, checked after {@code package}: every module has its sources and javadoc
 * jars, the POMs carry what Maven Central requires, and a host depending on postback-examples gets
 * neither its logging configuration nor the demo's server, logging backend, pool or drivers.
 */
class ArtifactsIT {

    private static final String VERSION = System.getProperty("project.version", "0.1.0-SNAPSHOT");
    private static final Path EXAMPLES = Path.of("").toAbsolutePath();
    private static final Path ROOT = EXAMPLES.getParent();
    private static final List<String> MODULES = List.of("postback-core", "postback-jdbc", "postback-examples");
    /** The demo's dependencies: a host embedding the servlet must not inherit them. */
    private static final List<String> DEMO_ONLY = List.of("jetty-ee10-servlet", "logback-classic", "HikariCP", "h2",
            "postgresql", "mariadb-java-client", "micrometer-core", "micrometer-registry-prometheus");

    @Test
    void everyModuleHasItsSourcesAndJavadocJars() throws IOException {
        for (String module : MODULES) {
            Path target = ROOT.resolve(module).resolve("target");
            for (String classifier : List.of("-sources", "-javadoc")) {
                Path jar = target.resolve(module + "-" + VERSION + classifier + ".jar");
                assertThat(jar).as(module + classifier).isRegularFile();
                try (JarFile file = new JarFile(jar.toFile())) {
                    String expected = classifier.equals("-sources") ? ".java" : ".html";
                    assertThat(file.stream().anyMatch(e -> e.getName().endsWith(expected))).as(jar.getFileName().toString()).isTrue();
                }
            }
        }
    }

    @Test
    void theLoggingConfigurationIsInTheDemoJarOnly() throws IOException {
        try (JarFile library = new JarFile(EXAMPLES.resolve("target/postback-examples-" + VERSION + ".jar").toFile());
             JarFile demo = new JarFile(EXAMPLES.resolve("target/postback-demo.jar").toFile())) {
            assertThat(library.getEntry("logback.xml")).as("the library jar").isNull();
            assertThat(library.getEntry("logback-test.xml")).isNull();
            assertThat(demo.getEntry("logback.xml")).as("the demo jar").isNotNull();
        }
    }

    @Test
    void theDemoJarRunsTheCommandLineAndKnowsItsRelease() throws Exception {
        try (JarFile demo = new JarFile(EXAMPLES.resolve("target/postback-demo.jar").toFile())) {
            assertThat(demo.getManifest().getMainAttributes().getValue("Main-Class"))
                    .isEqualTo("io.postback.examples.cli.PostbackDemo");
            java.util.Properties version = new java.util.Properties();
            try (java.io.InputStream in = demo.getInputStream(demo.getEntry("io/postback/examples/cli/version.properties"))) {
                version.load(in);
            }
            assertThat(version.getProperty("version")).isEqualTo(VERSION);
        }
    }

    @Test
    void thePomsCarryWhatMavenCentralRequires() throws Exception {
        Element parent = pom(ROOT.resolve("pom.xml"));
        assertThat(text(parent, "url")).startsWith("https://");
        assertThat(text(parent, "licenses/license/name")).isEqualTo("Apache-2.0");
        assertThat(text(parent, "developers/developer/name")).isNotBlank();
        assertThat(text(parent, "scm/connection")).startsWith("scm:git:");
        assertThat(text(parent, "scm/url")).startsWith("https://");
        for (String module : MODULES) {
            Element pom = pom(ROOT.resolve(module).resolve("pom.xml"));
            assertThat(text(pom, "name")).as(module).isNotBlank();
            assertThat(text(pom, "description")).as(module).isNotBlank();
        }
    }

    @Test
    void aHostDependingOnTheExamplesGetsNoneOfTheDemosDependencies() throws Exception {
        Element pom = pom(EXAMPLES.resolve("pom.xml"));
        List<String> inherited = new ArrayList<>();
        NodeList dependencies = pom.getElementsByTagName("dependency");
        for (int i = 0; i < dependencies.getLength(); i++) {
            Element dependency = (Element) dependencies.item(i);
            String artifact = text(dependency, "artifactId");
            boolean optional = "true".equals(text(dependency, "optional"));
            String scope = text(dependency, "scope");
            boolean reachesHosts = !optional && !List.of("test", "provided").contains(scope);
            if (DEMO_ONLY.contains(artifact) && reachesHosts) {
                inherited.add(artifact);
            }
        }
        assertThat(inherited).isEmpty();
    }

    private static Element pom(Path file) throws Exception {
        Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Files.newInputStream(file));
        return document.getDocumentElement();
    }

    /** The text of the first element at a path of direct children, or "" when there is none. */
    private static String text(Element from, String path) {
        Element current = from;
        for (String name : path.split("/")) {
            Element next = null;
            for (Node child = current.getFirstChild(); child != null; child = child.getNextSibling()) {
                if (child instanceof Element element && element.getTagName().equals(name)) {
                    next = element;
                    break;
                }
            }
            if (next == null) {
                return "";
            }
            current = next;
        }
        return current.getTextContent().strip();
    }
}
