package com.gdxfetch.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A JSON object built field by field, in insertion order; numbers, strings, objects and lists. */
final class JsonOut {
    private final List<String> fields = new ArrayList<>();

    JsonOut put(String name, String value) {
        return raw(name, value == null ? "null" : quote(value));
    }

    JsonOut put(String name, long value) {
        return raw(name, Long.toString(value));
    }

    JsonOut put(String name, double value) {
        return raw(name, Double.isFinite(value) ? String.format(Locale.ROOT, "%.3f", value) : "null");
    }

    JsonOut put(String name, boolean value) {
        return raw(name, Boolean.toString(value));
    }

    JsonOut put(String name, JsonOut value) {
        return raw(name, value.toString());
    }

    JsonOut put(String name, List<JsonOut> values) {
        StringBuilder list = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            list.append(i == 0 ? "\n    " : ",\n    ").append(values.get(i));
        }
        return raw(name, list.append(values.isEmpty() ? "]" : "\n  ]").toString());
    }

    JsonOut putNumbers(String name, double[] values) {
        StringBuilder list = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            list.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.3f", values[i]));
        }
        return raw(name, list.append(']').toString());
    }

    private JsonOut raw(String name, String json) {
        fields.add(quote(name) + ": " + json);
        return this;
    }

    /** The object on one line. */
    @Override
    public String toString() {
        return "{" + String.join(", ", fields) + "}";
    }

    /** The object with one top-level field per line. */
    String pretty() {
        return "{\n  " + String.join(",\n  ", fields) + "\n}\n";
    }

    /** Writes {@link #pretty()} to {@code file} and echoes it. */
    void write(Path file) throws IOException {
        Files.write(file, pretty().getBytes(StandardCharsets.UTF_8));
        System.out.print(pretty());
    }

    private static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
