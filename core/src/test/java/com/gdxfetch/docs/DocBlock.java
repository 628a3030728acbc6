package com.gdxfetch.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One fenced {@code ```java} block of a Markdown file, or one call written inline in its prose
 * (as a statement), with where it starts.
 */
final class DocBlock {
    /**
     * A call in the prose that a reader may copy whole: on the manager or on one of the library's
     * factories, ending in its closing parenthesis, with nothing left out ({@code ...}).
     */
    private static final Pattern PROSE_CALL = Pattern.compile(
            "`((?:fetch\\.|FetchConfig\\.builder\\(|[A-Z][A-Za-z]*Config\\.builder\\(|Transports\\.|Decoders\\.|RequestBody\\."
            + "|HttpRequest\\.|WebSocketRequest\\.|EventStreamRequest\\.|RetryPolicy\\.)[^`]*\\))`");

    private static final Pattern JAVADOC_STAR = Pattern.compile("^\\s*\\* ?");
    /** {@code new Type() { ... }}: an anonymous class whose body an example leaves out. */
    private static final Pattern OMITTED_BODY = Pattern.compile("new ([\\w.]+(?:<[\\w.<>, ]*>)?)\\(\\) \\{ \\.\\.\\. \\}");

    final String file;
    final int number;
    final int firstLine;
    final String code;
    final Kind kind;

    /** Where a snippet was written, which decides the names it may take as given. */
    enum Kind {
        /** A fenced block of a Markdown file. */
        BLOCK,
        /** A call written inline in a Markdown file's prose. */
        CALL,
        /** A {@code <pre>{@code ...}</pre>} example in a public type's Javadoc. */
        JAVADOC
    }

    private DocBlock(String file, int number, int firstLine, String code, Kind kind) {
        this.file = file;
        this.number = number;
        this.firstLine = firstLine;
        this.code = code;
        this.kind = kind;
    }

    /** The calls written inline in {@code markdown}'s prose and tables, outside fenced blocks. */
    static List<DocBlock> calls(Path markdown, String name) throws IOException {
        List<String> lines = Files.readAllLines(markdown, StandardCharsets.UTF_8);
        List<DocBlock> calls = new ArrayList<>();
        boolean fenced = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.trim().startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            if (fenced) continue;
            Matcher call = PROSE_CALL.matcher(line);
            while (call.find()) {
                String code = call.group(1);
                if (code.contains("...") || code.startsWith("XxxConfig")) continue;
                calls.add(new DocBlock(name, calls.size() + 1, i + 1, code + ";\n", Kind.CALL));
            }
        }
        return calls;
    }

    /** The java blocks of {@code markdown}, named by {@code name} (a path relative to the repository). */
    static List<DocBlock> read(Path markdown, String name) throws IOException {
        List<String> lines = Files.readAllLines(markdown, StandardCharsets.UTF_8);
        List<DocBlock> blocks = new ArrayList<>();
        StringBuilder code = null;
        int start = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (code == null) {
                if (line.trim().equals("```java")) {
                    code = new StringBuilder();
                    start = i + 2;
                }
            } else if (line.trim().startsWith("```")) {
                blocks.add(new DocBlock(name, blocks.size() + 1, start, code.toString(), Kind.BLOCK));
                code = null;
            } else {
                code.append(line).append('\n');
            }
        }
        if (code != null) throw new IllegalStateException(name + ": java block at line " + start + " is never closed");
        return blocks;
    }

    /**
     * The Java examples of a source file's Javadoc ({@code <pre>{@code ...}</pre>}), without the
     * comment's leading stars. An anonymous class whose body is left out ({@code new Listener() { ... }})
     * stands for an instance of its type, so the example's calls are checked all the same; an
     * example that is not Java (a JSON file's shape) opens with a brace and is left out.
     */
    static List<DocBlock> javadocSnippets(Path source, String name) throws IOException {
        List<String> lines = Files.readAllLines(source, StandardCharsets.UTF_8);
        List<DocBlock> snippets = new ArrayList<>();
        StringBuilder code = null;
        int start = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = JAVADOC_STAR.matcher(lines.get(i)).replaceFirst("");
            if (code == null) {
                if (line.trim().equals("<pre>{@code")) {
                    code = new StringBuilder();
                    start = i + 2;
                }
            } else if (line.trim().equals("}</pre>")) {
                String text = code.toString();
                if (!text.trim().startsWith("{")) {
                    text = OMITTED_BODY.matcher(text).replaceAll("(($1) null)");
                    snippets.add(new DocBlock(name, snippets.size() + 1, start, text, Kind.JAVADOC));
                }
                code = null;
            } else {
                code.append(line).append('\n');
            }
        }
        return snippets;
    }

    @Override
    public String toString() {
        switch (kind) {
            case CALL:
                return file + " call " + number + " (line " + firstLine + "): " + code.trim();
            case JAVADOC:
                return file + " Javadoc example " + number + " (line " + firstLine + ")";
            default:
                return file + " java block " + number + " (line " + firstLine + ")";
        }
    }
}
