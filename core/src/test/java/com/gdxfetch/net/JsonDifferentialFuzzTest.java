package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.badlogic.gdx.utils.Array;
import com.badlogic.gdx.utils.Json;
import com.badlogic.gdx.utils.JsonReader;
import com.badlogic.gdx.utils.JsonValue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * {@link Decoders#json} and {@link Decoders#jsonTree}, run through their public entry point on one
 * worker thread, give what libGDX's own {@code Json} and {@code JsonReader} give for the same
 * bytes (decoded with {@code new String(bytes, charset)}, the charset a leading byte order mark
 * names over the label): the same values, or both fail.
 * Generated documents are mutated (truncated, bytes flipped, inserted and cut, bad UTF-8, deep
 * nesting, huge strings, numbers at the edges, duplicate keys, a BOM, comments and libGDX's
 * unquoted text), and a document is often followed by a truncation of itself on the same thread,
 * where a reused buffer would complete the cut body from the earlier one.
 *
 * <p>The libGDX side parses with a new {@code JsonReader} each time, as {@code Json.fromJson} does
 * apart from one thing: libGDX 1.14.2's {@code Json} keeps one reader, and a reader that failed on
 * one document can fail the next ("unmatched bracket") with state left from the first.
 *
 * <p>Differences allowed by design: one. A leading byte order mark is not part of the JSON for
 * ours (RFC 8259 section 8.1), so libGDX is given the text after it. Bad UTF-8 becomes U+FFFD on both sides
 * (neither is stricter). Failures are compared by whether they happen, not by message: both
 * paths end in libGDX's exception for input outside the subset read straight into objects.
 *
 * <p>Runs a few seconds with a fixed seed; {@code -Dgdxfetch.fuzz.seconds=N} runs longer and
 * {@code -Dgdxfetch.fuzz.seed=S} picks another seed.
 */
class JsonDifferentialFuzzTest {
    /** An enum read by name. */
    public enum Kind { ALPHA, BETA, GAMMA }

    /** One element: a field of every scalar kind. */
    public static class Item {
        public int id;
        public long big;
        public float ratio;
        public double price;
        public short small;
        public byte tiny;
        public char letter;
        public boolean active;
        public Integer maybe;
        public Double maybeDouble;
        public String name;
        public Kind kind;
    }

    /** A document with nested objects, arrays and collections. */
    public static class Doc {
        public String title;
        public int count;
        public Item main;
        public Item[] items;
        public Array<Item> more;
        public List<String> tags;
        public int[] numbers;
        public double[] values;
        public String[][] grid;
    }

    private static final String[] NAMES = {"title", "count", "main", "items", "more", "tags", "numbers", "values",
        "grid", "id", "big", "ratio", "price", "small", "tiny", "letter", "active", "maybe", "maybeDouble", "name",
        "kind", "unknown", "class", "na me", "x"};
    private static final String[] NUMBERS = {"0", "-0", "1", "-1", "7", "2147483647", "2147483648", "-2147483649",
        "9223372036854775807", "-9223372036854775808", "9223372036854775808", "-9223372036854775809",
        "99999999999999999999999", "0.1", "-0.0", "1e3", "1E+3", "1e-3", "1.5e308", "1e309", "-1e309", "4.9e-324",
        "1e-400", "9007199254740993", "123456789012345678", "0.30000000000000004", "3.4028235e38", "3.5e38",
        "1.7976931348623157e308", "2.2250738585072014E-308", "01", "1.", ".5", "-", "+1", "1e", "1e+", "0x10",
        "1.0", "100000000000000000000000000000.5", "12345678901234567890e-10", "65", "65.9", "-129", "32768"};
    private static final String[] STRINGS = {"", "a", "ALPHA", "BETA", "GAMMA", "delta", "Zo\u00eb", "\u65e5\u672c",
        "\ud83d\ude00", "tab\\there", "quote\\\"in", "back\\\\slash", "\\u00e9\\u0041", "\\ud83d\\ude00", "\\/",
        "\\x", "\\u12", "\\uZZZZ", "line\nbreak", "ctl\u0001", "null", "true", "1", "a b"};

    @Test
    void bothDecodersAgreeWithLibgdxOnGeneratedAndMutatedDocuments() {
        long seed = Long.getLong("gdxfetch.fuzz.seed", 27L);
        long millis = (long) (Double.parseDouble(System.getProperty("gdxfetch.fuzz.seconds", "3")) * 1000);
        try (DecoderWorker worker = new DecoderWorker()) {
            String report = worker.run(() -> fuzz(new Random(seed), millis));
            assertTrue(report.startsWith("ok"), "seed " + seed + ": " + report);
            System.out.println("JSON differential fuzz, seed " + seed + ": " + report);
        }
    }

    /** Runs on the worker thread until {@code millis} pass; "ok ..." or the first disagreement. */
    private static String fuzz(Random random, long millis) {
        Json json = new Json();
        json.setIgnoreUnknownFields(true);
        long end = System.currentTimeMillis() + millis;
        int documents = 0;
        int failures = 0;
        while (System.currentTimeMillis() < end) {
            byte[] body = mutate(random, document(random), random);
            Charset charset = random.nextInt(10) == 0 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8;
            String problem = compare(json, body, charset, random);
            if (problem == null && body.length > 1) {
                // The same thread next decodes a cut of what it just read.
                byte[] cut = java.util.Arrays.copyOf(body, random.nextInt(body.length));
                problem = compare(json, cut, charset, random);
                documents++;
            }
            if (problem != null) {
                return problem;
            }
            documents++;
            failures += lastFailed ? 1 : 0;
        }
        return "ok, " + documents + " documents, " + failures + " rejected by both";
    }

    private static boolean lastFailed;

    /** The charset a leading byte order mark names (WHATWG Encoding's BOM sniffing), else {@code label}. */
    private static Charset bomCharset(byte[] body, Charset label) {
        if (body.length >= 3 && body[0] == (byte) 0xEF && body[1] == (byte) 0xBB && body[2] == (byte) 0xBF) {
            return StandardCharsets.UTF_8;
        }
        if (body.length >= 2 && body[0] == (byte) 0xFE && body[1] == (byte) 0xFF) {
            return StandardCharsets.UTF_16BE;
        }
        if (body.length >= 2 && body[0] == (byte) 0xFF && body[1] == (byte) 0xFE) {
            return StandardCharsets.UTF_16LE;
        }
        return label;
    }

    /** Null when ours and libGDX's agree on {@code body}; else what differed. */
    private static String compare(Json json, byte[] body, Charset charset, Random random) {
        HttpResponse response = DecoderWorker.response("http://fuzz.example/", body,
                charset == StandardCharsets.UTF_8 && random.nextBoolean() ? null : charset);
        String decoded = new String(body, bomCharset(body, charset));
        String text = decoded.startsWith("\uFEFF") ? decoded.substring(1) : decoded;
        String ours;
        String theirs;
        switch (random.nextInt(4)) {
            case 0:
                ours = outcome(Decoders.jsonTree(), response, true);
                theirs = reference(() -> describeTree(new JsonReader().parse(text)));
                break;
            case 1:
                ours = outcome(Decoders.json(Doc.class), response, false);
                theirs = reference(() -> describe(json.readValue(Doc.class, null, new JsonReader().parse(text))));
                break;
            case 2:
                ours = outcome(Decoders.json(Array.class, Item.class), response, false);
                theirs = reference(() -> describe(json.readValue(Array.class, Item.class, new JsonReader().parse(text))));
                break;
            default:
                ours = outcome(Decoders.json(Item[].class), response, false);
                theirs = reference(() -> describe(json.readValue(Item[].class, null, new JsonReader().parse(text))));
                break;
        }
        lastFailed = theirs.startsWith("failed");
        if (ours.equals(theirs)) {
            return null;
        }
        return "disagree on " + charset + " body " + escape(body) + "\n ours:   " + ours + "\n libGDX: " + theirs
                + (lastFailed ? " (" + lastReferenceFailure + ")" : "");
    }

    /** An action that may throw, for the reference side. */
    private interface Reference {
        String run();
    }

    private static String reference(Reference reference) {
        try {
            return reference.run();
        } catch (RuntimeException e) {
            lastReferenceFailure = e;
            return "failed";
        }
    }

    /** Why libGDX last failed, for the report. */
    private static RuntimeException lastReferenceFailure;

    private static <T> String outcome(ResponseDecoder<T> decoder, HttpResponse response, boolean tree) {
        T value;
        try {
            value = decoder.decode(response);
        } catch (Exception e) {
            return "failed";
        }
        return tree ? describeTree((JsonValue) value) : describe(value);
    }

    // ---- documents ----

    private static byte[] document(Random random) {
        StringBuilder out = new StringBuilder();
        switch (random.nextInt(8)) {
            case 0:
                out.append('[');
                for (int i = 0, n = random.nextInt(4); i < n; i++) {
                    out.append(i > 0 ? "," : "");
                    item(random, out);
                }
                out.append(']');
                break;
            case 1:
                deep(random, out, 1 + random.nextInt(300));
                break;
            case 2:
                value(random, out, 0);
                break;
            default:
                doc(random, out);
        }
        if (random.nextInt(20) == 0) {
            out.insert(0, '\ufeff');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void doc(Random random, StringBuilder out) {
        out.append('{');
        int fields = random.nextInt(9);
        for (int i = 0; i < fields; i++) {
            out.append(i > 0 ? "," : "").append(space(random));
            switch (random.nextInt(10)) {
                case 0:
                    out.append("\"title\":");
                    string(random, out);
                    break;
                case 1:
                    out.append("\"count\":").append(number(random));
                    break;
                case 2:
                    out.append("\"main\":");
                    item(random, out);
                    break;
                case 3:
                case 4:
                    out.append(random.nextBoolean() ? "\"items\":[" : "\"more\":[");
                    for (int k = 0, n = random.nextInt(4); k < n; k++) {
                        out.append(k > 0 ? "," : "");
                        item(random, out);
                    }
                    out.append(']');
                    break;
                case 5:
                    out.append("\"tags\":[");
                    for (int k = 0, n = random.nextInt(4); k < n; k++) {
                        out.append(k > 0 ? "," : "");
                        string(random, out);
                    }
                    out.append(']');
                    break;
                case 6:
                    out.append(random.nextBoolean() ? "\"numbers\":[" : "\"values\":[");
                    for (int k = 0, n = random.nextInt(5); k < n; k++) {
                        out.append(k > 0 ? "," : "").append(number(random));
                    }
                    out.append(']');
                    break;
                case 7:
                    out.append("\"grid\":[[");
                    string(random, out);
                    out.append("],[]]");
                    break;
                default:
                    out.append('"').append(NAMES[random.nextInt(NAMES.length)]).append("\":");
                    value(random, out, 0);
            }
        }
        out.append(space(random)).append('}');
    }

    private static void item(Random random, StringBuilder out) {
        out.append('{');
        for (int i = 0, n = random.nextInt(8); i < n; i++) {
            out.append(i > 0 ? "," : "").append('"').append(NAMES[9 + random.nextInt(NAMES.length - 9)])
                    .append('"').append(space(random)).append(':').append(space(random));
            value(random, out, 2);
        }
        out.append('}');
    }

    private static void value(Random random, StringBuilder out, int depth) {
        switch (random.nextInt(depth > 3 ? 5 : 8)) {
            case 0:
            case 1:
                out.append(number(random));
                break;
            case 2:
                string(random, out);
                break;
            case 3:
                out.append(random.nextBoolean() ? "true" : random.nextBoolean() ? "false" : "null");
                break;
            case 4:
                out.append(STRINGS[random.nextInt(STRINGS.length)].replace("\\", "").replace("\"", ""));
                break;
            case 5:
                out.append('[');
                for (int i = 0, n = random.nextInt(3); i < n; i++) {
                    out.append(i > 0 ? "," : "");
                    value(random, out, depth + 1);
                }
                out.append(']');
                break;
            default:
                out.append('{');
                for (int i = 0, n = random.nextInt(3); i < n; i++) {
                    out.append(i > 0 ? "," : "").append('"').append(NAMES[random.nextInt(NAMES.length)]).append("\":");
                    value(random, out, depth + 1);
                }
                out.append('}');
        }
    }

    private static void deep(Random random, StringBuilder out, int levels) {
        boolean objects = random.nextBoolean();
        for (int i = 0; i < levels; i++) {
            out.append(objects ? "{\"main\":" : "[");
        }
        out.append(number(random));
        for (int i = 0; i < levels; i++) {
            out.append(objects ? '}' : ']');
        }
    }

    private static void string(Random random, StringBuilder out) {
        out.append('"');
        if (random.nextInt(50) == 0) {
            for (int i = 0, n = 20_000 + random.nextInt(100_000); i < n; i++) {
                out.append((char) ('a' + i % 26));
            }
        }
        for (int i = 0, n = random.nextInt(3); i < n; i++) {
            out.append(STRINGS[random.nextInt(STRINGS.length)]);
        }
        out.append('"');
    }

    private static String number(Random random) {
        return random.nextInt(4) == 0 ? Integer.toString(random.nextInt(2000) - 1000)
                : NUMBERS[random.nextInt(NUMBERS.length)];
    }

    private static String space(Random random) {
        switch (random.nextInt(12)) {
            case 0:
                return " \n\t\r";
            case 1:
                return "/* c */";
            case 2:
                return "// c\n";
            default:
                return "";
        }
    }

    // ---- mutations ----

    private static final byte[] INTERESTING = {'"', '\\', '/', '*', '{', '}', '[', ']', ',', ':', ' ', '\n', '0', '-',
        'e', '.', 't', 'n', (byte) 0xff, (byte) 0xc0, (byte) 0x80, (byte) 0xe2, (byte) 0xf0, 0};

    private static byte[] mutate(Random random, byte[] body, Random choice) {
        byte[] out = body;
        for (int i = 0, n = choice.nextInt(3) == 0 ? 0 : 1 + choice.nextInt(3); i < n && out.length > 0; i++) {
            int at = random.nextInt(out.length);
            switch (random.nextInt(5)) {
                case 0:
                    out = java.util.Arrays.copyOf(out, at);
                    break;
                case 1:
                    out = out.clone();
                    out[at] = random.nextBoolean() ? (byte) random.nextInt(256) : INTERESTING[random.nextInt(INTERESTING.length)];
                    break;
                case 2:
                    out = splice(out, at, new byte[] {INTERESTING[random.nextInt(INTERESTING.length)]}, 0);
                    break;
                case 3:
                    out = splice(out, at, new byte[0], Math.min(out.length - at, 1 + random.nextInt(4)));
                    break;
                default:
                    byte[][] bad = {{(byte) 0xff}, {(byte) 0xc3}, {(byte) 0x80}, {(byte) 0xe2, (byte) 0x82},
                        {(byte) 0xf0, (byte) 0x9f, (byte) 0x98}, {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
                        {(byte) 0xc0, (byte) 0xaf}, {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}};
                    out = splice(out, at, bad[random.nextInt(bad.length)], 0);
            }
        }
        return out;
    }

    private static byte[] splice(byte[] body, int at, byte[] insert, int remove) {
        byte[] out = new byte[body.length - remove + insert.length];
        System.arraycopy(body, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(body, at + remove, out, at + insert.length, body.length - at - remove);
        return out;
    }

    // ---- canonical descriptions ----

    private static String describeTree(JsonValue value) {
        StringBuilder out = new StringBuilder();
        describeTree(value, out);
        return out.toString();
    }

    private static void describeTree(JsonValue value, StringBuilder out) {
        if (value == null) {
            out.append("none");
            return;
        }
        out.append(value.name == null ? "" : "'" + value.name + "'=").append(value.type()).append(':');
        switch (value.type()) {
            case object:
            case array:
                out.append('(');
                for (JsonValue child = value.child; child != null; child = child.next) {
                    describeTree(child, out);
                    out.append(',');
                }
                out.append(')');
                break;
            case doubleValue:
                out.append(Double.doubleToRawLongBits(value.asDouble())).append('/').append(value.asString());
                break;
            case longValue:
                out.append(value.asLong()).append('/').append(value.asString());
                break;
            default:
                out.append(value.asString());
        }
    }

    private static String describe(Object value) {
        StringBuilder out = new StringBuilder();
        describe(value, out);
        return out.toString();
    }

    private static void describe(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof Character || value instanceof Enum) {
            out.append(value.getClass().getSimpleName()).append(':').append(value);
        } else if (value.getClass().isArray()) {
            out.append('[');
            for (int i = 0, n = java.lang.reflect.Array.getLength(value); i < n; i++) {
                describe(java.lang.reflect.Array.get(value, i), out);
                out.append(',');
            }
            out.append(']');
        } else if (value instanceof Array) {
            Array<?> array = (Array<?>) value;
            out.append("Array[");
            for (int i = 0; i < array.size; i++) {
                describe(array.get(i), out);
                out.append(',');
            }
            out.append(']');
        } else if (value instanceof Collection) {
            out.append(value.getClass().getSimpleName());
            describe(new ArrayList<>((Collection<?>) value).toArray(), out);
        } else {
            out.append(value.getClass().getSimpleName()).append('{');
            for (Field field : value.getClass().getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                out.append(field.getName()).append('=');
                try {
                    describe(field.get(value), out);
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
                out.append(',');
            }
            out.append('}');
        }
    }

    private static String escape(byte[] body) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < Math.min(body.length, 600); i++) {
            int b = body[i] & 0xff;
            if (b >= 0x20 && b < 0x7f && b != '\\') {
                out.append((char) b);
            } else {
                out.append(String.format("\\x%02x", b));
            }
        }
        return out.append(body.length > 600 ? "...\" (" + body.length + " bytes)" : "\"").toString();
    }
}
