package com.gdxfetch.net.internal;

import com.badlogic.gdx.utils.Array;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Reads strict UTF-8 JSON straight into objects, with the result libGDX {@code Json} gives when it
 * ignores unknown fields, but without building a {@code JsonValue} tree first: field names are
 * matched on the bytes, numbers are read without making strings of them, and only the objects
 * the caller asked for are allocated.
 *
 * <p>It covers what game APIs send: objects of plain classes, arrays, {@code Array} and lists with
 * a known element type, strings, numbers, booleans, enums by name and null. On anything else (a
 * comment, unquoted text, a {@code "class"} key, a map, a {@code Json.Serializable}, a number
 * {@code long} cannot hold, malformed JSON) it gives up and returns {@link #UNSUPPORTED}; the
 * caller then parses the whole document with libGDX, so unusual input keeps libGDX's results and
 * error messages. Objects built before giving up are dropped, so a constructor with side effects
 * may run again for the same document. Worker threads only.
 */
final class JsonBinder {
    /** Returned when the document is outside the subset read here. */
    static final Object UNSUPPORTED = new Object();

    /** Deeper documents are left to libGDX, so a hostile one cannot overflow the worker's stack. */
    private static final int MAX_DEPTH = 64;
    private static final ThreadLocal<JsonBinder> PER_THREAD = new ThreadLocal<JsonBinder>() {
        @Override
        protected JsonBinder initialValue() {
            return new JsonBinder();
        }
    };
    /** The character each one-letter escape stands for; 0 where there is none. */
    private static final char[] ESCAPES = new char[128];

    static {
        ESCAPES['"'] = '"';
        ESCAPES['\\'] = '\\';
        ESCAPES['/'] = '/';
        ESCAPES['b'] = '\b';
        ESCAPES['f'] = '\f';
        ESCAPES['n'] = '\n';
        ESCAPES['r'] = '\r';
        ESCAPES['t'] = '\t';
    }

    private final ArrayList<?>[] elements = new ArrayList<?>[MAX_DEPTH + 1];
    private byte[] data;
    private int pos;
    private int depth;
    private final JsonNumber number = new JsonNumber();

    private JsonBinder() {
    }

    /**
     * A new {@code type} read from {@code body}, or {@link #UNSUPPORTED}.
     *
     * @param elementType the element type of a collection {@code type}, or null
     */
    static Object read(Class<?> type, Class<?> elementType, byte[] body) {
        JsonBinder binder = PER_THREAD.get();
        if (binder.data != null) {
            // A constructor of the outer document's class is reading JSON on this thread: the
            // thread's binder is mid-document, so this one gets its own.
            binder = new JsonBinder();
        }
        binder.data = body;
        binder.pos = 0;
        binder.depth = 0;
        try {
            byte first = binder.peek();
            if (first != '{' && first != '[') {
                return UNSUPPORTED;
            }
            Object value = binder.value(type, elementType);
            binder.skipSpace();
            return binder.pos == body.length ? value : UNSUPPORTED;
        } catch (GiveUp e) {
            return UNSUPPORTED;
        } finally {
            binder.data = null;
            binder.number.forget();
            binder.clearElements();
        }
    }

    Object value(Class<?> type, Class<?> elementType) {
        if (type == null) {
            throw GiveUp.INSTANCE;
        }
        switch (peek()) {
            case '{':
                return object(type);
            case '[':
                return array(type, elementType);
            case '"':
                return fromString(type, string());
            case 't':
                literal("true");
                return fromBoolean(type, true);
            case 'f':
                literal("false");
                return fromBoolean(type, false);
            case 'n':
                literal("null");
                if (type.isPrimitive()) {
                    throw GiveUp.INSTANCE;
                }
                return null;
            default:
                return readNumber().as(type);
        }
    }

    private Object object(Class<?> type) {
        JsonClass plan = JsonClass.of(type);
        Object object = plan.newInstance();
        if (opensEmpty('}')) {
            return object;
        }
        do {
            JsonClass.FieldPlan field = member(plan);
            if (field != null) {
                field.read(this, object);
            } else {
                skipValue();
            }
        } while (!closes('}'));
        return object;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Object array(Class<?> type, Class<?> elementType) {
        if (type.isArray()) {
            Class<?> componentType = type.getComponentType();
            ArrayList<Object> items = elementsAt(depth);
            readElements(elementType != null ? elementType : componentType, items);
            Object result = java.lang.reflect.Array.newInstance(componentType, items.size());
            try {
                for (int i = 0, n = items.size(); i < n; i++) {
                    java.lang.reflect.Array.set(result, i, items.get(i));
                }
            } catch (IllegalArgumentException mismatch) {
                throw GiveUp.INSTANCE;
            } finally {
                items.clear();
            }
            return result;
        }
        if (elementType == null) {
            throw GiveUp.INSTANCE;
        }
        if (type == Array.class) {
            Array result = new Array();
            ArrayList<Object> items = elementsAt(depth);
            readElements(elementType, items);
            for (int i = 0, n = items.size(); i < n; i++) {
                result.add(items.get(i));
            }
            items.clear();
            return result;
        }
        if (type == ArrayList.class || type == List.class || type == Collection.class) {
            ArrayList<Object> result = new ArrayList<>();
            readElements(elementType, result);
            return result;
        }
        throw GiveUp.INSTANCE;
    }

    private void readElements(Class<?> elementType, ArrayList<Object> into) {
        if (opensEmpty(']')) {
            return;
        }
        do {
            into.add(value(elementType, null));
        } while (!closes(']'));
    }

    private static Object fromString(Class<?> type, String string) {
        if (type == String.class || type == CharSequence.class) {
            return string;
        }
        if ((type == char.class || type == Character.class) && !string.isEmpty()) {
            return string.charAt(0);
        }
        if (type.isEnum()) {
            // libGDX matches Enum.name(), its default.
            for (Object constant : type.getEnumConstants()) {
                if (((Enum<?>) constant).name().equals(string)) {
                    return constant;
                }
            }
        }
        throw GiveUp.INSTANCE;
    }

    private static Object fromBoolean(Class<?> type, boolean value) {
        if (type == boolean.class || type == Boolean.class) {
            return value;
        }
        throw GiveUp.INSTANCE;
    }

    /** Whether the next value is a number; a field of a primitive type reads it without boxing. */
    boolean atNumber() {
        byte b = peek();
        return b == '-' || (b >= '0' && b <= '9');
    }

    /** Reads the number at {@code pos}. */
    JsonNumber readNumber() {
        pos = number.read(data, pos);
        requireDelimiter();
        return number;
    }

    /** Reads a string value, the opening quote at {@code pos}. */
    private String string() {
        int start = ++pos;
        byte[] d = data;
        int n = d.length;
        int i = start;
        while (i < n) {
            byte b = d[i];
            if (b == '"') {
                pos = i + 1;
                requireDelimiter();
                return new String(d, start, i - start, StandardCharsets.UTF_8);
            }
            if (b == '\\') {
                return escapedString(start);
            }
            if (b >= 0 && b < 0x20) {
                throw GiveUp.INSTANCE;
            }
            i++;
        }
        throw GiveUp.INSTANCE;
    }

    /** A string with escapes, unescaped as libGDX's {@code JsonReader.unescape} does. */
    private String escapedString(int start) {
        byte[] d = data;
        int n = d.length;
        StringBuilder text = new StringBuilder(32);
        int run = start;
        int i = start;
        while (i < n) {
            byte b = d[i];
            if (b == '"') {
                text.append(new String(d, run, i - run, StandardCharsets.UTF_8));
                pos = i + 1;
                requireDelimiter();
                return text.toString();
            }
            if (b >= 0 && b < 0x20) {
                throw GiveUp.INSTANCE;
            }
            if (b != '\\') {
                i++;
                continue;
            }
            text.append(new String(d, run, i - run, StandardCharsets.UTF_8));
            if (i + 1 >= n) {
                throw GiveUp.INSTANCE;
            }
            byte escaped = d[i + 1];
            i += 2;
            if (escaped == 'u') {
                text.append((char) hex4(i));
                i += 4;
            } else if (escaped > 0 && ESCAPES[escaped] != 0) {
                text.append(ESCAPES[escaped]);
            } else {
                throw GiveUp.INSTANCE;
            }
            run = i;
        }
        throw GiveUp.INSTANCE;
    }

    private int hex4(int at) {
        if (at + 4 > data.length) {
            throw GiveUp.INSTANCE;
        }
        int value = 0;
        for (int i = at; i < at + 4; i++) {
            int digit = Character.digit(data[i], 16);
            if (digit < 0) {
                throw GiveUp.INSTANCE;
            }
            value = value * 16 + digit;
        }
        return value;
    }

    /**
     * Reads a member's name and colon; returns the field of {@code plan} it names, or null for a
     * name the class does not have (or when {@code plan} is null, skipping).
     */
    private JsonClass.FieldPlan member(JsonClass plan) {
        if (peek() != '"') {
            throw GiveUp.INSTANCE;
        }
        int start = ++pos;
        int end = skipName();
        if (peek() != ':') {
            throw GiveUp.INSTANCE;
        }
        pos++;
        if (plan == null) {
            return null;
        }
        JsonClass.FieldPlan field = plan.find(data, start, end);
        if (field == null && JsonClass.isTypeKey(data, start, end)) {
            // libGDX would read the object as the class it names.
            throw GiveUp.INSTANCE;
        }
        return field;
    }

    /** Steps over a field name, the opening quote already consumed; returns where it ends. */
    private int skipName() {
        byte[] d = data;
        for (int i = pos; i < d.length; i++) {
            byte b = d[i];
            if (b == '"') {
                pos = i + 1;
                return i;
            }
            if (b == '\\' || (b >= 0 && b < 0x20)) {
                // An escaped name is rare enough to leave to libGDX.
                throw GiveUp.INSTANCE;
            }
        }
        throw GiveUp.INSTANCE;
    }

    /** Steps over a value of a field the class does not have, checking it is well formed. */
    private void skipValue() {
        switch (peek()) {
            case '{':
                if (opensEmpty('}')) {
                    return;
                }
                do {
                    member(null);
                    skipValue();
                } while (!closes('}'));
                return;
            case '[':
                if (opensEmpty(']')) {
                    return;
                }
                do {
                    skipValue();
                } while (!closes(']'));
                return;
            case '"':
                string();
                return;
            case 't':
                literal("true");
                return;
            case 'f':
                literal("false");
                return;
            case 'n':
                literal("null");
                return;
            default:
                readNumber();
        }
    }

    /** Steps into the object or array opening at {@code pos}; true if it closes at once (consumed too). */
    private boolean opensEmpty(char bracket) {
        enter();
        pos++;
        if (peek() == bracket) {
            pos++;
            depth--;
            return true;
        }
        return false;
    }

    /** After a member: true at the closing bracket (consumed), false at a comma (consumed). */
    private boolean closes(char bracket) {
        byte next = peek();
        pos++;
        if (next == bracket) {
            depth--;
            return true;
        }
        if (next != ',') {
            throw GiveUp.INSTANCE;
        }
        return false;
    }

    private void literal(String word) {
        int end = pos + word.length();
        if (end > data.length) {
            throw GiveUp.INSTANCE;
        }
        for (int i = 0; i < word.length(); i++) {
            if (data[pos + i] != word.charAt(i)) {
                throw GiveUp.INSTANCE;
            }
        }
        pos = end;
        requireDelimiter();
    }

    /**
     * libGDX reads {@code 12ab} or {@code "a"b} as other tokens than JSON would, so a value must be
     * followed by whitespace, a comma, a closing bracket or the end.
     */
    private void requireDelimiter() {
        if (pos < data.length) {
            byte b = data[pos];
            if (b != ',' && b != '}' && b != ']' && b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                throw GiveUp.INSTANCE;
            }
        }
    }

    /** The next byte that is not whitespace, which must exist. */
    private byte peek() {
        skipSpace();
        if (pos >= data.length) {
            throw GiveUp.INSTANCE;
        }
        return data[pos];
    }

    private void skipSpace() {
        byte[] d = data;
        int i = pos;
        while (i < d.length && (d[i] == ' ' || d[i] == '\n' || d[i] == '\r' || d[i] == '\t')) {
            i++;
        }
        pos = i;
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw GiveUp.INSTANCE;
        }
    }

    @SuppressWarnings("unchecked")
    private ArrayList<Object> elementsAt(int level) {
        ArrayList<Object> list = (ArrayList<Object>) elements[level];
        if (list == null) {
            list = new ArrayList<>();
            elements[level] = list;
        }
        return list;
    }

    /** Drops references to the caller's objects, which a worker must not keep alive. */
    private void clearElements() {
        for (ArrayList<?> list : elements) {
            if (list != null) {
                list.clear();
            }
        }
    }

    /** Thrown to abandon a document for libGDX; shared and without a stack trace, so giving up is cheap. */
    static final class GiveUp extends RuntimeException {
        static final GiveUp INSTANCE = new GiveUp();
        private static final long serialVersionUID = 1L;

        private GiveUp() {
            // Not the four-argument constructor that turns off suppression and the trace: Android has it from API 24.
            super("outside the JSON subset read without a tree");
        }

        /** No stack trace: the one instance is thrown from everywhere, so a trace would say nothing true. */
        @Override
        public Throwable fillInStackTrace() {
            return this;
        }
    }
}
