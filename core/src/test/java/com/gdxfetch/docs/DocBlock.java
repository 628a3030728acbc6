package com.gdxfetch.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One fenced {@code ```java} block of a Markdown file, with where it starts. */
final class DocBlock {
    final String file;
    final int number;
    final int firstLine;
    final String code;

    private DocBlock(String file, int number, int firstLine, String code) {
        this.file = file;
        this.number = number;
        this.firstLine = firstLine;
        this.code = code;
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
                blocks.add(new DocBlock(name, blocks.size() + 1, start, code.toString()));
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
        return file + " java block " + number + " (line " + firstLine + ")";
    }
}
