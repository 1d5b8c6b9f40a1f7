package io.postback.examples.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every {@code ```java} block of README.md, SECURITY.md and docs/*.md is a region of a source file
 * that compiles with this module's tests, so that the code a reader copies builds, imports and all.
 * The convention is in {@link DocSnippets}: the line before the fence is
 * {@code <!-- snippet: PATH#NAME -->} and the region lies between {@code // tag::NAME[]} and
 * {@code // end::NAME[]} in PATH. Only pages are checked against sources: a region no page shows
 * is allowed (tests keep some).
 */
class DocSnippetsTest {

    private static final Path ROOT = DocSnippets.repositoryRoot();

    @TestFactory
    Stream<DynamicTest> every_java_block_of_the_pages_is_a_compiled_snippet() {
        DocSnippets snippets = DocSnippets.of(ROOT);
        List<String> pages = DocSnippets.pages(ROOT);
        assertThat(pages).contains("README.md", "SECURITY.md", "docs/servlet.md");
        return pages.stream().map(page -> DynamicTest.dynamicTest(page, () -> {
            List<DocSnippets.Problem> problems = snippets.check(page, DocSnippets.lines(ROOT.resolve(page)));
            if (!problems.isEmpty()) {
                fail(problems.size() + " snippet problem(s) in " + page + ":\n\n"
                        + String.join("\n\n", problems.stream().map(Object::toString).toList()));
            }
        }));
    }

    // The checker itself: each kind of mistake is reported, and a right block is not.

    private static final String SOURCE = "src/Example.java";
    private static final DocSnippets IN_MEMORY = new DocSnippets(path -> Optional.ofNullable(Map.of(SOURCE, List.of(
            "class Example {",
            "    void run() {",
            "        // tag::outer[]",
            "        int a = 1;",
            "        // tag::inner[]",
            "        if (a > 0) {",
            "            a++;",
            "        }",
            "        // end::inner[]",
            "",
            "        // end::outer[]",
            "    }",
            "    // tag::open[]",
            "}")).get(path)));

    @Test
    void a_block_equal_to_its_region_passes_in_a_list_item_with_nested_tags_removed() {
        List<String> page = List.of(
                "1. Run it:",
                "",
                "   <!-- snippet: src/Example.java#outer -->",
                "   ```java",
                "   int a = 1;",
                "   if (a > 0) {",
                "       a++;",
                "   }",
                "",
                "   ```",
                "<!-- snippet: src/Example.java#inner -->",
                "```java",
                "if (a > 0) {",
                "    a++;",
                "}",
                "```");

        assertThat(IN_MEMORY.check("page.md", page)).isEmpty();
    }

    @Test
    void a_block_that_differs_is_reported_with_the_expected_block() {
        List<String> page = List.of(
                "<!-- snippet: src/Example.java#inner -->",
                "```java",
                "if (a > 1) {",
                "    a++;",
                "}",
                "```");

        assertThat(IN_MEMORY.check("page.md", page)).singleElement().asString()
                .startsWith("page.md:2: the ```java block differs from src/Example.java#inner at its line 1")
                .contains("found \"if (a > 1) {\", expected \"if (a > 0) {\"")
                .endsWith("Expected (indented like its fence):\n```java\nif (a > 0) {\n    a++;\n}\n```");
    }

    @Test
    void a_java_block_without_marker_is_reported_and_other_blocks_are_not() {
        List<String> page = List.of(
                "```sh",
                "<!-- snippet: not/read#inside-another-block -->",
                "```",
                "",
                "```java",
                "int a = 1;",
                "```");

        assertThat(IN_MEMORY.check("page.md", page)).singleElement().asString()
                .startsWith("page.md:5: a ```java block without a snippet marker");
    }

    @Test
    void a_missing_file_or_region_or_an_unclosed_region_is_reported() {
        List<String> page = List.of(
                "<!-- snippet: src/Missing.java#outer -->",
                "```java",
                "```",
                "<!-- snippet: src/Example.java#nowhere -->",
                "```java",
                "```",
                "<!-- snippet: src/Example.java#open -->",
                "```java",
                "```");

        assertThat(IN_MEMORY.check("page.md", page)).extracting(Object::toString).containsExactly(
                "page.md:1: no file src/Missing.java in the repository",
                "page.md:4: src/Example.java: no region nowhere (a line // tag::nowhere[])",
                "page.md:7: src/Example.java: the region open is not closed (a line // end::open[] after its tag)");
    }

    @Test
    void a_marker_not_directly_before_a_java_fence_is_reported() {
        List<String> page = List.of(
                "<!-- snippet: src/Example.java#inner -->",
                "",
                "```xml",
                "<a/>",
                "```");

        assertThat(IN_MEMORY.check("page.md", page)).extracting(Object::toString)
                .containsExactly("page.md:1: a snippet marker must stand directly before a ```java fence");
    }

    @Test
    void an_unclosed_fence_is_reported() {
        assertThat(IN_MEMORY.check("page.md", List.of("text", "```java", "int a;"))).extracting(Object::toString)
                .containsExactly("page.md:2: the fence is never closed");
    }
}
