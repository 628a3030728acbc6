package com.gdxfetch.docs;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Every {@code ```java} block of the README, the guides in {@code core/docs}, the example game's
 * README and the benchmarks' notes, and every example in the public Javadoc, compiles against the
 * library as it is, so the documentation cannot drift from the API. A block gets the imports a game would add (below); a block with its own type
 * declarations compiles as a file, any other as the body of a method of a {@link DocsContext}.
 */
class DocsCompileTest {
    /** The imports an IDE adds for a game using libGDX and gdx-fetch. */
    private static final String[] IMPORTS = {
        "com.badlogic.gdx.*", "com.badlogic.gdx.Input.Buttons", "com.badlogic.gdx.Input.Keys",
        "com.badlogic.gdx.audio.*", "com.badlogic.gdx.controllers.*", "com.badlogic.gdx.files.*",
        "com.badlogic.gdx.graphics.*", "com.badlogic.gdx.graphics.g2d.*", "com.badlogic.gdx.scenes.scene2d.*",
        "com.badlogic.gdx.scenes.scene2d.ui.*", "com.badlogic.gdx.utils.*", "com.gdxfetch.audio.*",
        "com.gdxfetch.graphics.*", "com.gdxfetch.image.*", "com.gdxfetch.input.*", "com.gdxfetch.net.*",
        "com.gdxfetch.text.*",
    };
    private static final Pattern TYPE_DECLARATION = Pattern.compile(
            "(?m)^(import\\s|((public|abstract|final)\\s+)*(class|interface|enum)\\s)");
    private static final Pattern PUBLIC_TYPE = Pattern.compile(
            "(?m)^public\\s+((abstract|final)\\s+)*(class|interface|enum)\\s+(\\w+)");

    @TempDir
    Path classes;

    @TestFactory
    List<DynamicTest> everyJavaBlockInTheDocsCompiles() throws IOException {
        List<DocBlock> blocks = new ArrayList<>();
        for (Path doc : documents()) blocks.addAll(DocBlock.read(doc, repository().relativize(doc).toString()));
        assertTrue(blocks.size() >= 10, "expected the README and the guides to hold java blocks, found " + blocks);
        return compiledTests(blocks);
    }

    /**
     * Every whole call written inline in the prose and tables ({@code fetch.outbox().send(request)},
     * {@code FetchConfig.builder().wakeUp(runnable)}) compiles as a statement, its placeholder
     * names declared by {@link DocsProseContext}: a reader copies these as readily as a block.
     */
    @TestFactory
    List<DynamicTest> everyCallInTheDocsProseCompiles() throws IOException {
        List<DocBlock> calls = new ArrayList<>();
        for (Path doc : documents()) calls.addAll(DocBlock.calls(doc, repository().relativize(doc).toString()));
        assertTrue(calls.size() >= 20, "expected the README and the guides to name calls inline, found " + calls);
        return compiledTests(calls);
    }

    /**
     * Every example in the public API's Javadoc ({@code <pre>{@code ...}</pre>}) compiles too: an
     * IDE shows it beside the method a reader is about to call.
     */
    @TestFactory
    List<DynamicTest> everyExampleInThePublicJavadocCompiles() throws IOException {
        Path sources = repository().resolve("core/src/main/java");
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(sources)) {
            walk.filter(f -> f.toString().endsWith(".java") && !f.toString().contains("internal")).sorted().forEach(files::add);
        }
        List<DocBlock> snippets = new ArrayList<>();
        for (Path file : files) snippets.addAll(DocBlock.javadocSnippets(file, repository().relativize(file).toString()));
        assertTrue(snippets.size() >= 7, "expected the public types' Javadoc to hold examples, found " + snippets);
        return compiledTests(snippets);
    }

    private List<DynamicTest> compiledTests(List<DocBlock> blocks) {

        Map<DocBlock, List<String>> errors = compile(blocks);
        List<DynamicTest> tests = new ArrayList<>();
        for (DocBlock block : blocks) {
            tests.add(dynamicTest(block.toString(), () -> {
                if (!errors.get(block).isEmpty()) {
                    fail(block + " does not compile:\n" + String.join("\n", errors.get(block)) + "\n--- the block ---\n" + block.code);
                }
            }));
        }
        return tests;
    }

    private static Path repository() {
        // Surefire runs in the module's folder, core/.
        return Paths.get("").toAbsolutePath().getParent();
    }

    private static List<Path> documents() throws IOException {
        Path repo = repository();
        List<Path> docs = new ArrayList<>();
        docs.add(repo.resolve("README.md"));
        try (DirectoryStream<Path> guides = Files.newDirectoryStream(repo.resolve("core/docs"), "*.md")) {
            List<Path> sorted = new ArrayList<>();
            for (Path guide : guides) sorted.add(guide);
            sorted.sort(null);
            docs.addAll(sorted);
        }
        docs.add(repo.resolve("desktop/README.md"));
        docs.add(repo.resolve("core/src/bench/README.md"));
        for (Path doc : docs) assertTrue(Files.isRegularFile(doc), "missing " + doc);
        return docs;
    }

    /** Compiles all blocks in one pass; the errors of each block, with lines in its Markdown file. */
    private Map<DocBlock, List<String>> compile(List<DocBlock> blocks) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        Map<JavaFileObject, Source> sources = new LinkedHashMap<>();
        Map<DocBlock, List<String>> errors = new HashMap<>();
        for (DocBlock block : blocks) {
            Source source = new Source(block);
            sources.put(source.file, source);
            errors.put(block, new ArrayList<>());
        }
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            List<String> options = Arrays.asList("-proc:none", "-nowarn", "-d", classes.toString(), "-classpath", classpath);
            javac.getTask(null, files, diagnostics, options, null, sources.keySet()).call();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() != Diagnostic.Kind.ERROR) continue;
            Source source = sources.get(d.getSource());
            if (source == null) throw new AssertionError("javac: " + d.getMessage(Locale.ROOT));
            long line = d.getLineNumber() - source.headerLines + source.block.firstLine - 1;
            errors.get(source.block).add(source.block.file + ":" + line + ": " + d.getMessage(Locale.ROOT));
        }
        return errors;
    }

    /** A block as a Java file: its own package, the imports, and a method around bare statements. */
    private static final class Source {
        final DocBlock block;
        final JavaFileObject file;
        final int headerLines;

        Source(DocBlock block) {
            this.block = block;
            String pkg = "docs." + block.file.replaceAll("[^A-Za-z0-9]", "_") + "."
                    + block.kind.name().toLowerCase(Locale.ROOT) + block.number;
            StringBuilder header = new StringBuilder("package " + pkg + ";\n");
            for (String imported : IMPORTS) header.append("import ").append(imported).append(";\n");
            String typeName;
            String text;
            if (TYPE_DECLARATION.matcher(block.code).find()) {
                Matcher publicType = PUBLIC_TYPE.matcher(block.code);
                typeName = publicType.find() ? publicType.group(4) : "Block";
                text = header + block.code;
            } else {
                typeName = "Block";
                Class<?> context = block.kind == DocBlock.Kind.BLOCK ? DocsContext.class
                        : block.kind == DocBlock.Kind.CALL ? DocsProseContext.class : DocsJavadocContext.class;
                header.append("class Block extends ").append(context.getName())
                        .append(" { void run() throws Exception {\n");
                text = header + block.code + "}}\n";
            }
            this.headerLines = header.toString().split("\n", -1).length - 1;
            URI uri = URI.create("string:///" + pkg.replace('.', '/') + "/" + typeName + ".java");
            this.file = new SimpleJavaFileObject(uri, JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return text;
                }
            };
        }
    }
}
