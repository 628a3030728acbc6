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

    final String file;
    final int number;
    final int firstLine;
    final String code;
    /** Whether this is a call from the prose rather than a fenced block. */
    final boolean inline;

    private DocBlock(String file, int number, int firstLine, String code, boolean inline) {
        this.file = file;
        this.number = number;
        this.firstLine = firstLine;
        this.code = code;
        this.inline = inline;
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
                calls.add(new DocBlock(name, calls.size() + 1, i + 1, code + ";\n", true));
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
                blocks.add(new DocBlock(name, blocks.size() + 1, start, code.toString(), false));
                code = null;
            } else {
                code.append(line).append('\n');
            }
        }
        if (code != null) throw new IllegalStateException(name + ": java block at line " + start + " is never closed");
        return blocks;
    }

    @Override
    public String toString() {
        return inline ? file + " call " + number + " (line " + firstLine + "): " + code.trim()
                : file + " java block " + number + " (line " + firstLine + ")";
    }
}
