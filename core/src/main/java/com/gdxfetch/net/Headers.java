package com.gdxfetch.net;

import com.gdxfetch.internal.Texts;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * An immutable, ordered list of HTTP header fields.
 *
 * <p>Lookups ignore case; the names are kept as they were given or received. A name may appear
 * more than once. Instances are safe to share between threads.
 */
public final class Headers {
    /** Headers with no fields. */
    public static final Headers EMPTY = new Headers(new String[0]);

    private final String[] namesAndValues;

    private Headers(String[] namesAndValues) {
        this.namesAndValues = namesAndValues;
    }

    /**
     * Builds headers from alternating names and values.
     *
     * @throws IllegalArgumentException if the count is odd or a name or value is invalid
     */
    public static Headers of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("expected alternating header names and values, got "
                    + namesAndValues.length + " strings");
        }
        Builder builder = new Builder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            builder.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return builder.build();
    }

    /** The number of fields. */
    public int size() {
        return namesAndValues.length / 2;
    }

    /** The name of field {@code index}, as given. */
    public String name(int index) {
        return namesAndValues[index * 2];
    }

    /** The value of field {@code index}. */
    public String value(int index) {
        return namesAndValues[index * 2 + 1];
    }

    /** The last value for {@code name} (any case), or null when absent. */
    public String get(String name) {
        for (int i = namesAndValues.length - 2; i >= 0; i -= 2) {
            if (name.equalsIgnoreCase(namesAndValues[i])) {
                return namesAndValues[i + 1];
            }
        }
        return null;
    }

    /** Every value for {@code name} (any case), in order; empty when absent. */
    public List<String> values(String name) {
        List<String> result = null;
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (name.equalsIgnoreCase(namesAndValues[i])) {
                if (result == null) {
                    result = new ArrayList<>(2);
                }
                result.add(namesAndValues[i + 1]);
            }
        }
        return result == null ? Collections.<String>emptyList() : Collections.unmodifiableList(result);
    }

    /** A builder holding a copy of these fields. */
    public Builder newBuilder() {
        Builder builder = new Builder();
        Collections.addAll(builder.namesAndValues, namesAndValues);
        return builder;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Headers
                && java.util.Arrays.equals(namesAndValues, ((Headers) other).namesAndValues);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(namesAndValues);
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            out.append(namesAndValues[i]).append(": ").append(namesAndValues[i + 1]).append('\n');
        }
        return out.toString();
    }

    /**
     * Checks a header name: an RFC 7230 token.
     *
     * @throws IllegalArgumentException naming the header and the offending character
     */
    public static void checkName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("header name is empty");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= ' ' || c >= 0x7f || "\"(),/:;<=>?@[\\]{}".indexOf(c) >= 0) {
                throw new IllegalArgumentException("header name '" + printable(name)
                        + "' has invalid character " + describe(c) + " at index " + i);
            }
        }
    }

    /**
     * Checks a header value: no CR, LF or other control characters but tab.
     *
     * @throws IllegalArgumentException naming the header and the offending character
     */
    public static void checkValue(String name, String value) {
        if (value == null) {
            throw new IllegalArgumentException("header '" + name + "' has a null value");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < ' ' && c != '\t') || c == 0x7f) {
                // A refusal is logged and shown, so the value of a field that may carry a
                // credential stays out of it: the name, character and index find the mistake.
                String shown = mayHoldCredential(name) ? " value (not shown: it may hold a credential)"
                        : " value '" + printable(value) + "'";
                throw new IllegalArgumentException("header '" + name + "'" + shown
                        + " has invalid character " + describe(c) + " at index " + i);
            }
        }
    }

    /** Whether a field named {@code name} may carry a password, token, key or session. */
    private static boolean mayHoldCredential(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        String[] words = {"auth", "cookie", "token", "key", "secret", "session", "pass", "signature"};
        for (String word : words) {
            if (lower.contains(word)) {
                return true;
            }
        }
        return false;
    }

    private static String describe(char c) {
        switch (c) {
            case '\r':
                return "CR (\\r)";
            case '\n':
                return "LF (\\n)";
            default:
                return "U+" + Texts.hex(c, 4);
        }
    }

    /**
     * {@code s} with its control characters written as escapes: a raw NUL or ESC in a logged
     * message cuts or garbles the line that should show the mistake.
     */
    private static String printable(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\r') {
                out.append("\\r");
            } else if (c == '\n') {
                out.append("\\n");
            } else if ((c < ' ' && c != '\t') || c == 0x7f) {
                out.append("\\u").append(Texts.hex(c, 4));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Collects header fields; not thread-safe. */
    public static final class Builder {
        private final List<String> namesAndValues = new ArrayList<>(16);

        /** Appends a field, keeping any with the same name. */
        public Builder add(String name, String value) {
            checkName(name);
            checkValue(name, value);
            namesAndValues.add(name);
            namesAndValues.add(value.trim());
            return this;
        }

        /** Replaces every field named {@code name} (any case) with one field. */
        public Builder set(String name, String value) {
            checkName(name);
            checkValue(name, value);
            remove(name);
            return add(name, value);
        }

        /** Removes every field named {@code name} (any case). */
        public Builder remove(String name) {
            for (int i = namesAndValues.size() - 2; i >= 0; i -= 2) {
                if (name.equalsIgnoreCase(namesAndValues.get(i))) {
                    namesAndValues.remove(i + 1);
                    namesAndValues.remove(i);
                }
            }
            return this;
        }

        /** The last value for {@code name} (any case), or null. */
        public String get(String name) {
            for (int i = namesAndValues.size() - 2; i >= 0; i -= 2) {
                if (name.equalsIgnoreCase(namesAndValues.get(i))) {
                    return namesAndValues.get(i + 1);
                }
            }
            return null;
        }

        /**
         * Appends a field received from a server, without validating it; for transports.
         * The value is trimmed of surrounding white space.
         */
        public Builder addReceived(String name, String value) {
            namesAndValues.add(name);
            namesAndValues.add(value.trim());
            return this;
        }

        /** The headers collected so far. */
        public Headers build() {
            return namesAndValues.isEmpty() ? EMPTY : new Headers(namesAndValues.toArray(new String[0]));
        }
    }
}
