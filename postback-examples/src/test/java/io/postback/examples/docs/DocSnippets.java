package io.postback.examples.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Checks that every {@code ```java} block of a markdown page is a region of a compiled source file.
 *
 * <p>The convention: the line before the fence is {@code <!-- snippet: PATH#NAME -->}, where PATH is
 * the repository-relative path of a {@code .java} file, in which the region NAME lies between a line
 * {@code // tag::NAME[]} and a line {@code // end::NAME[]}. The block must equal the region's lines
 * without any line {@code // tag::OTHER[]} or {@code // end::OTHER[]} of a nested region, with their
 * common leading indentation removed. The block's own lines are read without the indentation of
 * their fence (a block inside a list item), and trailing white space is ignored on both sides.
 */
final class DocSnippets {

    static final Pattern MARKER = Pattern.compile("<!-- snippet: (\\S+)#([A-Za-z0-9_.-]+) -->");
    static final Pattern TAG_LINE = Pattern.compile("\\s*// (tag|end)::([A-Za-z0-9_.-]+)\\[]\\s*");
    private static final Pattern FENCE = Pattern.compile("( *)(`{3,}|~{3,})\\s*([^\\s`]*).*");

    /** A problem of one page, at a line counted from 1. */
    record Problem(String page, int line, String message) {
        @Override
        public String toString() {
            return page + ":" + line + ": " + message;
        }
    }

    /** The lines of a repository-relative path, or empty when there is no such file. */
    private final Function<String, Optional<List<String>>> sources;

    DocSnippets(Function<String, Optional<List<String>>> sources) {
        this.sources = sources;
    }

    /** Over the files of the repository at {@code root}; a path may not leave it. */
    static DocSnippets of(Path root) {
        Path top = root.toAbsolutePath().normalize();
        return new DocSnippets(path -> {
            Path file = top.resolve(path).normalize();
            return file.startsWith(top) && Files.isRegularFile(file) ? Optional.of(lines(file)) : Optional.empty();
        });
    }

    /** The root of the repository: the first directory up from the working directory with README.md and postback-examples. */
    static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("README.md")) && Files.isDirectory(dir.resolve("postback-examples"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no repository root (README.md beside postback-examples) above " + Path.of("").toAbsolutePath());
    }

    /** README.md, SECURITY.md and docs/*.md of the repository, as repository-relative paths. */
    static List<String> pages(Path root) {
        List<String> pages = new ArrayList<>(List.of("README.md", "SECURITY.md"));
        try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
            docs.map(p -> p.getFileName().toString()).filter(name -> name.endsWith(".md")).sorted()
                    .forEach(name -> pages.add("docs/" + name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pages;
    }

    static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The problems of one page, in the order of its lines; empty when every {@code ```java} block is its region. */
    List<Problem> check(String page, List<String> lines) {
        List<Problem> problems = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i);
            Matcher fence = FENCE.matcher(line);
            if (!fence.matches()) {
                if (MARKER.matcher(line.strip()).matches() && !opensJavaBlock(lines, i + 1)) {
                    problems.add(new Problem(page, i + 1, "a snippet marker must stand directly before a ```java fence"));
                }
                i++;
                continue;
            }
            int close = closingFence(lines, i + 1, fence.group(2));
            if (close < 0) {
                problems.add(new Problem(page, i + 1, "the fence is never closed"));
                return problems;
            }
            if (fence.group(3).equals("java")) {
                checkJavaBlock(page, lines, i, close, fence.group(1).length()).ifPresent(problems::add);
            }
            i = close + 1;
        }
        return problems;
    }

    private static boolean opensJavaBlock(List<String> lines, int at) {
        if (at >= lines.size()) {
            return false;
        }
        Matcher fence = FENCE.matcher(lines.get(at));
        return fence.matches() && fence.group(3).equals("java");
    }

    private static int closingFence(List<String> lines, int from, String opening) {
        Pattern closing = Pattern.compile(" *" + Pattern.quote(opening.substring(0, 1)) + "{" + opening.length() + ",}\\s*");
        for (int j = from; j < lines.size(); j++) {
            if (closing.matcher(lines.get(j)).matches()) {
                return j;
            }
        }
        return -1;
    }

    private Optional<Problem> checkJavaBlock(String page, List<String> lines, int open, int close, int indent) {
        Matcher marker = open == 0 ? null : MARKER.matcher(lines.get(open - 1).strip());
        if (marker == null || !marker.matches()) {
            return Optional.of(new Problem(page, open + 1, "a ```java block without a snippet marker: put "
                    + "<!-- snippet: <repository-relative path of a .java file>#<region> --> on the line before the fence"));
        }
        String path = marker.group(1);
        String name = marker.group(2);
        Optional<List<String>> source = sources.apply(path);
        if (source.isEmpty()) {
            return Optional.of(new Problem(page, open, "no file " + path + " in the repository"));
        }
        Region region = region(source.get(), name);
        if (region.problem().isPresent()) {
            return Optional.of(new Problem(page, open, path + ": " + region.problem().get()));
        }
        List<String> block = new ArrayList<>();
        for (String line : lines.subList(open + 1, close)) {
            block.add(stripTrailing(withoutIndent(line, indent)));
        }
        if (block.equals(region.lines())) {
            return Optional.empty();
        }
        return Optional.of(new Problem(page, open + 1, "the ```java block differs from " + path + "#" + name
                + firstDifference(block, region.lines()) + ". Expected (indented like its fence):\n```java\n"
                + String.join("\n", region.lines()) + "\n```"));
    }

    /** A region's lines as a block shows them, or why there are none. */
    record Region(List<String> lines, Optional<String> problem) {
    }

    /** The region NAME of a source file: its lines without nested tag lines and without their common indentation. */
    static Region region(List<String> source, String name) {
        int start = -1;
        int end = -1;
        for (int i = 0; i < source.size(); i++) {
            Matcher tag = TAG_LINE.matcher(source.get(i));
            if (!tag.matches() || !tag.group(2).equals(name)) {
                continue;
            }
            if (tag.group(1).equals("tag")) {
                if (start >= 0) {
                    return failed("the region " + name + " is opened twice (// tag::" + name + "[])");
                }
                start = i;
            } else if (start >= 0 && end < 0) {
                end = i;
            }
        }
        if (start < 0) {
            return failed("no region " + name + " (a line // tag::" + name + "[])");
        }
        if (end < 0) {
            return failed("the region " + name + " is not closed (a line // end::" + name + "[] after its tag)");
        }
        List<String> lines = source.subList(start + 1, end).stream()
                .filter(line -> !TAG_LINE.matcher(line).matches())
                .map(DocSnippets::stripTrailing)
                .collect(Collectors.toList());
        int common = lines.stream().filter(line -> !line.isEmpty()).mapToInt(DocSnippets::indentOf).min().orElse(0);
        return new Region(lines.stream().map(line -> line.isEmpty() ? line : line.substring(common)).toList(), Optional.empty());
    }

    private static Region failed(String problem) {
        return new Region(List.of(), Optional.of(problem));
    }

    private static String firstDifference(List<String> block, List<String> expected) {
        for (int i = 0; i < Math.max(block.size(), expected.size()); i++) {
            String found = i < block.size() ? block.get(i) : "(end of block)";
            String wanted = i < expected.size() ? expected.get(i) : "(end of region)";
            if (!found.equals(wanted)) {
                return " at its line " + (i + 1) + " (found \"" + found + "\", expected \"" + wanted + "\")";
            }
        }
        return "";
    }

    /** The line without up to {@code indent} leading spaces: the indentation of its fence, as markdown reads it. */
    private static String withoutIndent(String line, int indent) {
        int n = 0;
        while (n < indent && n < line.length() && line.charAt(n) == ' ') {
            n++;
        }
        return line.substring(n);
    }

    private static int indentOf(String line) {
        int n = 0;
        while (n < line.length() && (line.charAt(n) == ' ' || line.charAt(n) == '\t')) {
            n++;
        }
        return n;
    }

    private static String stripTrailing(String line) {
        return line.stripTrailing();
    }
}
