package com.gdxfetch.net.internal;

import java.nio.charset.StandardCharsets;

/**
 * The number token {@link JsonBinder} read last, converted to a field's type as libGDX's
 * {@code JsonReader} and {@code JsonValue.asX()} convert it: an integer is a {@code long} (what
 * {@code Long.parseLong} gives), anything with a fraction or exponent a {@code double} (what
 * {@code Double.parseDouble} gives), then narrowed by a Java cast. No strings are made except for a
 * decimal too long for the exact fast path. One per binder, so per worker thread.
 */
final class JsonNumber {
    private static final long LONG_MIN_BY_TEN = Long.MIN_VALUE / 10;
    private static final int LONG_MIN_LAST_DIGIT = (int) -(Long.MIN_VALUE % 10);
    /** Integers below 2^53 and powers of ten up to 1e22 are exact doubles (Clinger's fast path). */
    private static final int MAX_EXACT_DIGITS = 15;
    private static final double[] POWERS_OF_TEN = new double[23];

    static {
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
        }
    }

    private byte[] data;
    private int start;
    private int end;
    private boolean integral;
    private long longValue;

    /**
     * Reads the strict JSON number at {@code data[at]}; returns where it ends.
     *
     * @throws JsonBinder.GiveUp for anything else, and for an integer a long cannot hold (libGDX
     *     reads that as a string)
     */
    int read(byte[] data, int at) {
        int i = at;
        int n = data.length;
        boolean negative = i < n && data[i] == '-';
        if (negative) {
            i++;
        }
        int digitsStart = i;
        // Accumulated below zero, as Long.parseLong does, so that Long.MIN_VALUE fits.
        long value = 0;
        boolean overflow = false;
        for (; i < n && isDigit(data[i]); i++) {
            int digit = data[i] - '0';
            if (value < LONG_MIN_BY_TEN || (value == LONG_MIN_BY_TEN && digit > LONG_MIN_LAST_DIGIT)) {
                overflow = true;
            }
            value = value * 10 - digit;
        }
        int digits = i - digitsStart;
        if (digits == 0 || (digits > 1 && data[digitsStart] == '0')) {
            throw JsonBinder.GiveUp.INSTANCE;
        }
        boolean fraction = false;
        if (i < n && data[i] == '.') {
            fraction = true;
            i = digitsAfter(data, i + 1);
        }
        if (i < n && (data[i] == 'e' || data[i] == 'E')) {
            fraction = true;
            i++;
            if (i < n && (data[i] == '+' || data[i] == '-')) {
                i++;
            }
            i = digitsAfter(data, i);
        }
        if (!fraction && (overflow || (!negative && value == Long.MIN_VALUE))) {
            throw JsonBinder.GiveUp.INSTANCE;
        }
        this.data = data;
        this.start = at;
        this.end = i;
        this.integral = !fraction;
        this.longValue = negative ? value : -value;
        return i;
    }

    /** Drops the document, which a worker must not keep alive. */
    void forget() {
        data = null;
    }

    /** As {@code type}, boxed; for an array element or a field of a boxed type. */
    Object as(Class<?> type) {
        if (type == int.class || type == Integer.class) {
            return asInt();
        }
        if (type == float.class || type == Float.class) {
            return asFloat();
        }
        if (type == long.class || type == Long.class) {
            return asLong();
        }
        if (type == double.class || type == Double.class) {
            return asDouble();
        }
        if (type == String.class) {
            return new String(data, start, end - start, StandardCharsets.ISO_8859_1);
        }
        // A double narrows to short, byte or char through int, not long, as in JsonValue.
        if (type == short.class || type == Short.class) {
            return integral ? (short) longValue : (short) doubleValue();
        }
        if (type == byte.class || type == Byte.class) {
            return integral ? (byte) longValue : (byte) doubleValue();
        }
        if (type == char.class || type == Character.class) {
            return integral ? (char) longValue : (char) doubleValue();
        }
        throw JsonBinder.GiveUp.INSTANCE;
    }

    int asInt() {
        return integral ? (int) longValue : (int) doubleValue();
    }

    long asLong() {
        return integral ? longValue : (long) doubleValue();
    }

    float asFloat() {
        return integral ? (float) longValue : (float) doubleValue();
    }

    double asDouble() {
        return integral ? (double) longValue : doubleValue();
    }

    /** The token as {@code Double.parseDouble} reads it, exactly. */
    private double doubleValue() {
        int i = start;
        boolean negative = data[i] == '-';
        if (negative) {
            i++;
        }
        long mantissa = 0;
        int significant = 0;
        int exponent = 0;
        boolean afterPoint = false;
        for (; i < end && data[i] != 'e' && data[i] != 'E'; i++) {
            byte b = data[i];
            if (b == '.') {
                afterPoint = true;
                continue;
            }
            if (significant > 0 || b != '0') {
                significant++;
            }
            if (significant > MAX_EXACT_DIGITS) {
                return slowDouble();
            }
            mantissa = mantissa * 10 + (b - '0');
            if (afterPoint) {
                exponent--;
            }
        }
        if (i < end) {
            i++;
            boolean negativeExponent = data[i] == '-';
            if (data[i] == '+' || data[i] == '-') {
                i++;
            }
            int written = 0;
            for (; i < end; i++) {
                written = written * 10 + (data[i] - '0');
                if (written > POWERS_OF_TEN.length + MAX_EXACT_DIGITS) {
                    return slowDouble();
                }
            }
            exponent += negativeExponent ? -written : written;
        }
        if (exponent <= -POWERS_OF_TEN.length || exponent >= POWERS_OF_TEN.length) {
            return slowDouble();
        }
        // One correctly rounded operation on two exact doubles: the nearest double, as parseDouble gives.
        double value = exponent >= 0 ? mantissa * POWERS_OF_TEN[exponent] : mantissa / POWERS_OF_TEN[-exponent];
        return negative ? -value : value;
    }

    private double slowDouble() {
        return Double.parseDouble(new String(data, start, end - start, StandardCharsets.ISO_8859_1));
    }

    /** Steps over one or more digits from {@code at}; returns where they end. */
    private static int digitsAfter(byte[] data, int at) {
        int i = at;
        while (i < data.length && isDigit(data[i])) {
            i++;
        }
        if (i == at) {
            throw JsonBinder.GiveUp.INSTANCE;
        }
        return i;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }
}
