package com.gdxfetch.internal;

/** Small text formatting shared by messages, without {@code String.format} (the web lacks it). Any thread. */
public final class Texts {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private Texts() {
    }

    /** {@code value} in upper-case hexadecimal, zero-padded to at least {@code digits} digits. */
    public static String hex(int value, int digits) {
        StringBuilder out = new StringBuilder(8);
        int shown = Math.max(digits, (32 - Integer.numberOfLeadingZeros(value) + 3) / 4);
        for (int shift = (shown - 1) * 4; shift >= 0; shift -= 4) {
            out.append(HEX[(value >>> shift) & 0xf]);
        }
        return out.toString();
    }

    /**
     * {@code text} without a leading byte order mark (U+FEFF): a decoded body is the text after
     * it, as the WHATWG Encoding standard's decode has it.
     */
    public static String withoutByteOrderMark(String text) {
        return !text.isEmpty() && text.charAt(0) == '\uFEFF' ? text.substring(1) : text;
    }

    /** {@code nanos} as milliseconds with two decimals, e.g. {@code 1.50}. */
    public static String millis(long nanos) {
        long hundredths = Math.round(nanos / 1e4);
        long abs = Math.abs(hundredths);
        long cents = abs % 100;
        return (hundredths < 0 ? "-" : "") + abs / 100 + (cents < 10 ? ".0" : ".") + cents;
    }
}
