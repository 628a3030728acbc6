package com.gdxfetch.bench;

import java.util.Arrays;

/** Order statistics over samples. */
final class Stats {
    private Stats() {
    }

    /** The median of {@code values}. */
    static double median(double[] values) {
        return percentile(values, 50);
    }

    /** The nearest-rank {@code p}th percentile of {@code values} (p in 0..100). */
    static double percentile(double[] values, double p) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** The total of {@code values}. */
    static double sum(double[] values) {
        double total = 0;
        for (double v : values) {
            total += v;
        }
        return total;
    }

    /** The mean of {@code values[from, to)}; NaN when the range is empty. */
    static double mean(double[] values, int from, int to) {
        double total = 0;
        for (int i = from; i < to; i++) {
            total += values[i];
        }
        return total / (to - from);
    }

    /** The largest of {@code values}. */
    static double max(double[] values) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            max = Math.max(max, v);
        }
        return max;
    }
}
