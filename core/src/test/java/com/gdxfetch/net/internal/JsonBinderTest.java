package com.gdxfetch.net.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.badlogic.gdx.utils.Array;
import com.badlogic.gdx.utils.Json;
import com.badlogic.gdx.utils.JsonWriter;
import com.badlogic.gdx.utils.ObjectMap;
import com.badlogic.gdx.utils.SerializationException;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * JSON read straight into objects gives exactly what libGDX's tree and {@code Json} give, and
 * anything outside the subset it reads is left to libGDX, results and errors alike.
 */
class JsonBinderTest {
    /** A leaderboard page, the shape game APIs send. */
    public static class Board {
        public String board;
        public int season;
        public Row[] entries;
    }

    /** One row. */
    public static class Row {
        public int rank;
        public String name;
        public long score;
        public float seconds;
        public Country country;
        public boolean online;
    }

    /** An enum read by name. */
    public enum Country { DE, JP, BR }

    /** Every scalar type a field can have. */
    public static class Scalars {
        public int i;
        public long l;
        public float f;
        public double d;
        public short s;
        public byte b;
        public char c;
        public boolean z;
        public Integer boxedInt;
        public Long boxedLong;
        public Float boxedFloat;
        public Double boxedDouble;
        public Short boxedShort;
        public Byte boxedByte;
        public Character boxedChar;
        public Boolean boxedBoolean;
        public String text;
        public CharSequence sequence;
    }

    /** Arrays and collections of every kind read here. */
    public static class Containers {
        public int[] ints;
        public String[] strings;
        public Row[] rows;
        public int[][] grid;
        public Array<Row> gdxRows;
        public List<String> list;
        public ArrayList<Integer> arrayList;
        public Array<float[]> gdxArrays;
    }

    /** A superclass whose fields libGDX also fills. */
    public static class Base {
        public int inherited;
        public String hidden = "base";
    }

    /** Fields found as libGDX finds them. */
    public static class Fields extends Base {
        public String hidden;
        private int secret;
        public transient int skipped;
        public static int shared;
        public int space_name;
        public Row nested;
        public final int fixed = 1;

        Fields() {
        }

        int secret() {
            return secret;
        }
    }

    /** Fields the binder leaves to libGDX. */
    public static class Unusual {
        public ObjectMap<String, Integer> map;
        public Object anything;
        public int count;
    }

    private static final String BOARD = "{\"board\":\"weekly\",\"season\":12,\"entries\":["
            + "{\"rank\":1,\"name\":\"player_00001\",\"score\":998663,\"seconds\":61.87,\"country\":\"JP\",\"online\":true},"
            + "{\"rank\":2,\"name\":\"Zoë ☃ 😀\",\"score\":-5,\"seconds\":1e2,\"country\":\"DE\",\"online\":false}"
            + "],\"extra\":{\"ignored\":[1,2.5,\"x\",null,true,{}]}}";

    @Test
    void aLeaderboardIsReadWithoutTheTreeAndMatchesLibgdx() {
        Board board = assertReadLikeLibgdx(Board.class, null, BOARD);
        assertEquals("Zoë ☃ 😀", board.entries[1].name);
        assertEquals(61.87f, board.entries[0].seconds);
        assertEquals(Country.JP, board.entries[0].country);
    }

    @Test
    void numbersConvertToEachFieldTypeAsLibgdxConvertsThem() {
        String[] numbers = {"0", "-0", "7", "-12", "127", "128", "-129", "65", "32768", "2147483647", "2147483648",
            "-2147483649", "123456789012345678", "-123456789012345678", "1.5", "-0.0", "0.1", "0.30000000000000004",
            "1e22", "1e23", "1E+2", "2.5E-3", "1e-22", "1e-23", "123456789.123456789", "9007199254740993.0",
            "1.7976931348623157e308", "4.9e-324", "1e400", "-1e400", "3.4028235e38", "0.000001", "100000000000000000000.5",
            "0e0", "61.87", "12345678901234.5", "123456789012345.6", "1234567890123456.7"};
        String[] fields = {"i", "l", "f", "d", "s", "b", "c", "boxedInt", "boxedLong", "boxedFloat", "boxedDouble",
            "boxedShort", "boxedByte", "boxedChar", "text"};
        for (String number : numbers) {
            for (String field : fields) {
                assertReadLikeLibgdx(Scalars.class, null, "{\"" + field + "\": " + number + "}");
            }
        }
    }

    @Test
    void stringsBooleansNullsAndCharactersMatchLibgdx() {
        assertReadLikeLibgdx(Scalars.class, null, "{\"text\":\"\",\"sequence\":\"seq\",\"c\":\"xyz\",\"boxedChar\":\"é\","
                + "\"z\":true,\"boxedBoolean\":false,\"boxedInt\":null,\"text\":null}");
        assertReadLikeLibgdx(Scalars.class, null,
                "{\"text\":\"tab\\there \\\"quoted\\\" back\\\\slash \\/ \\b\\f\\n\\r \\u00e9 \\ud83d\\ude00 end\"}");
        byte[] malformed = concat("{\"text\":\"a".getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xC3, '"', ',', '"', 'c', '"', ':', '"', (byte) 0xE2, (byte) 0x98, '"', '}'});
        assertReadLikeLibgdx(Scalars.class, null, malformed);
    }

    @Test
    void arraysAndCollectionsMatchLibgdx() {
        Containers read = assertReadLikeLibgdx(Containers.class, null, "{\"ints\":[1,-2,3],\"strings\":[\"a\",null,\"c\"],"
                + "\"rows\":[{\"rank\":1},{\"rank\":2,\"name\":\"b\"}],\"grid\":[[1,2],[],[3]],\"gdxRows\":[{\"rank\":3}],"
                + "\"list\":[\"x\",\"y\"],\"arrayList\":[5,6],\"gdxArrays\":[[1.5,2],[]]}");
        assertEquals(2, read.rows.length);
        assertEquals(3, read.gdxRows.first().rank);
        assertReadLikeLibgdx(Containers.class, null, "{\"ints\":[],\"rows\":[],\"gdxRows\":[],\"list\":[]}");
        assertReadLikeLibgdx(Row[].class, null, "[{\"rank\":1},{\"rank\":2}]");
        assertReadLikeLibgdx(Array.class, Row.class, " [ {\"rank\" : 1 } , {\"rank\":2} ] ");
        assertReadLikeLibgdx(ArrayList.class, Row.class, "[{\"rank\":1}]");
    }

    @Test
    void fieldsAreFoundAsLibgdxFindsThem() {
        Fields read = assertReadLikeLibgdx(Fields.class, null, "{\"inherited\":4,\"hidden\":\"mine\",\"secret\":9,"
                + "\"skipped\":3,\"shared\":5,\"space name\":6,\"nested\":{\"rank\":8,\"unknown\":{\"deep\":[[]]}},"
                + "\"unknown\":[1,{\"a\":\"b\"}],\"inherited\":7,\"fixed\":2}");
        assertEquals(7, read.inherited, "the last of two equal keys wins");
        assertEquals(9, read.secret());
        assertEquals(0, read.skipped);
        assertEquals(0, Fields.shared);
        assertEquals(6, read.space_name);
        assertEquals("mine", read.hidden);
        assertEquals("base", ((Base) read).hidden, "a subclass field hides its superclass's");
    }

    @Test
    void inputOutsideTheSubsetIsLeftToLibgdxWithTheSameResult() {
        String[] unusual = {
            "{\"count\":1 /* comment */}",
            "{count:1}",
            "{\"count\":1,}",
            "{\"count\":012}",
            "{\"count\":\"12\"}",
            "{\"count\":12345678901234567890}",
            "{\"class\":\"" + Unusual.class.getName() + "\",\"count\":1}",
            "{\"map\":{\"a\":1},\"count\":2}",
            "{\"anything\":\"x\",\"count\":2}",
            "{\"c\\u006funt\":3}",
            "\uFEFF{\"count\":1}",
            "{\"count\":true}",
            "",
        };
        for (String json : unusual) {
            assertLeftToLibgdx(Unusual.class, null, json);
        }
        StringBuilder deep = new StringBuilder("{\"unknown\":");
        for (int i = 0; i < 100; i++) {
            deep.append('[');
        }
        for (int i = 0; i < 100; i++) {
            deep.append(']');
        }
        assertLeftToLibgdx(Unusual.class, null, deep.append('}').toString());
        assertLeftToLibgdx(Row.class, null, "{\"rank\":null}");
        assertLeftToLibgdx(Row.class, null, "{\"country\":\"FR\"}");
        assertLeftToLibgdx(Row.class, null, "{\"name\":\"line\nbreak\"}");
        assertLeftToLibgdx(Array.class, null, "[1,2]");
    }

    @Test
    void malformedJsonFailsWithLibgdxsOwnMessage() {
        String[] malformed = {"{\"name\":\"x\",\n \"rank\": 7 7}", "{\"rank\":1", "{\"rank\":[1,2}", "{\"name\":\"open}"};
        for (String json : malformed) {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            assertSame(JsonBinder.UNSUPPORTED, JsonBinder.read(Row.class, null, body), json);
            String expected = failureOf(() -> libgdx(Row.class, null, body));
            String actual = failureOf(() -> JsonBodies.read(json(), Row.class, null, body, StandardCharsets.UTF_8));
            assertEquals(expected, actual, json);
        }
    }

    @Test
    void randomDocumentsMatchLibgdx() {
        Random random = new Random(42);
        for (int doc = 0; doc < 2_000; doc++) {
            assertReadLikeLibgdx(Board.class, null, randomBoard(random));
        }
    }

    @Test
    void randomDecimalsAreReadToTheSameDoubleAndFloatAsLibgdx() {
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            String number = randomDecimal(random);
            assertReadLikeLibgdx(Scalars.class, null, "{\"d\":" + number + ",\"f\":" + number + "}");
        }
    }

    private static String randomBoard(Random random) {
        StringBuilder json = new StringBuilder("{");
        json.append(space(random)).append("\"board\"").append(space(random)).append(':').append(space(random))
                .append(randomString(random)).append(",\"season\":").append(random.nextInt()).append(",\"entries\":[");
        int rows = random.nextInt(6);
        for (int i = 0; i < rows; i++) {
            if (i > 0) {
                json.append(',').append(space(random));
            }
            json.append("{\"rank\":").append(random.nextInt(1000))
                    .append(",\"name\":").append(randomString(random))
                    .append(",\"score\":").append(random.nextBoolean() ? random.nextLong() : random.nextInt(100))
                    .append(",\"seconds\":").append(randomDecimal(random))
                    .append(",\"country\":\"").append(Country.values()[random.nextInt(3)]).append('"')
                    .append(",\"unknown\":").append(random.nextBoolean() ? "[1,{\"x\":null}]" : randomDecimal(random))
                    .append(",\"online\":").append(random.nextBoolean())
                    .append(space(random)).append('}');
        }
        return json.append("]}").toString();
    }

    private static String randomDecimal(Random random) {
        switch (random.nextInt(5)) {
            case 4:
                return random.nextInt(1_000_000) + "." + random.nextInt(1_000_000_000);
            case 0:
                return Double.toString(random.nextDouble() * Math.pow(10, random.nextInt(40) - 20));
            case 1:
                return Float.toString(random.nextFloat() * 1000);
            case 2:
                return String.format(Locale.ROOT, "%.2f", random.nextDouble() * 500);
            default:
                return (random.nextBoolean() ? "-" : "") + random.nextInt(100_000) + "e" + (random.nextInt(60) - 30);
        }
    }

    private static String randomString(Random random) {
        String[] pieces = {"a", "Z", "_", " ", "é", "☃", "😀", "\\n", "\\\"", "\\\\", "\\u0041", "\\/", "0", "ü"};
        StringBuilder text = new StringBuilder("\"");
        for (int i = random.nextInt(12); i > 0; i--) {
            text.append(pieces[random.nextInt(pieces.length)]);
        }
        return text.append('"').toString();
    }

    private static String space(Random random) {
        String[] spaces = {"", "", " ", "\n  ", "\t", "\r\n"};
        return spaces[random.nextInt(spaces.length)];
    }

    private static <T> T assertReadLikeLibgdx(Class<T> type, Class<?> elementType, String json) {
        return assertReadLikeLibgdx(type, elementType, json.getBytes(StandardCharsets.UTF_8));
    }

    private static <T> T assertReadLikeLibgdx(Class<T> type, Class<?> elementType, byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        Object bound = JsonBinder.read(type, elementType, body);
        assertNotSame(JsonBinder.UNSUPPORTED, bound, () -> "read without the tree: " + text);
        assertEquals(canonical(libgdx(type, elementType, body)), canonical(bound), text);
        return type.cast(bound);
    }

    private static void assertLeftToLibgdx(Class<?> type, Class<?> elementType, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        assertSame(JsonBinder.UNSUPPORTED, JsonBinder.read(type, elementType, body), json);
        String expected;
        String actual;
        try {
            expected = canonical(libgdx(type, elementType, body));
        } catch (SerializationException e) {
            expected = e.getMessage();
        }
        try {
            actual = canonical(JsonBodies.read(json(), type, elementType, body, StandardCharsets.UTF_8));
        } catch (SerializationException e) {
            actual = e.getMessage();
        }
        assertEquals(expected, actual, json);
    }

    private static Object libgdx(Class<?> type, Class<?> elementType, byte[] body) {
        return json().readValue(type, elementType, JsonBodies.parse(body, StandardCharsets.UTF_8));
    }

    private static Json json() {
        Json json = new Json();
        json.setIgnoreUnknownFields(true);
        return json;
    }

    /** Every field's value, written out, so two objects compare by content. */
    private static String canonical(Object value) {
        Json writer = new Json(JsonWriter.OutputType.json);
        return value == null ? "null" : value.getClass().getName() + writer.toJson(value);
    }

    private static String failureOf(Runnable action) {
        return assertThrows(SerializationException.class, action::run).getMessage();
    }

    private static byte[] concat(byte[] first, byte[] second) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(first, 0, first.length);
        out.write(second, 0, second.length);
        return out.toByteArray();
    }
}
