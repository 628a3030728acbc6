package com.gdxfetch.net;

import com.gdxfetch.internal.Checks;
import com.gdxfetch.net.internal.HttpDates;
import com.gdxfetch.net.internal.HttpStatus;

/**
 * When and how soon a failed request is tried again: exponential backoff with jitter, honouring
 * a server's Retry-After. Immutable; safe to share between threads and requests. A builder setter
 * given a bad value throws {@link IllegalArgumentException} naming the setting and the value.
 *
 * <p>Retried: connection failures, read and connect timeouts, a body cut short, and statuses
 * 408, 429, 500, 502, 503 and 504, and 600-999, which RFC 9110 section 15 has a client handle as a
 * 5xx (here as a 500). Only idempotent methods are retried, unless the connection
 * failed before anything was sent (then any method is safe) or {@link Builder#retryAnyMethod}
 * says the server deduplicates (for example with an idempotency key).
 */
public final class RetryPolicy {
    private static final RetryPolicy NONE = new Builder().maxAttempts(1).build();

    private final int maxAttempts;
    private final long baseDelayMillis;
    private final long maxDelayMillis;
    private final double jitter;
    private final long maxRetryAfterMillis;
    private final boolean retryAnyMethod;

    private RetryPolicy(Builder b) {
        this.maxAttempts = b.maxAttempts;
        this.baseDelayMillis = b.baseDelayMillis;
        this.maxDelayMillis = b.maxDelayMillis;
        this.jitter = b.jitter;
        this.maxRetryAfterMillis = b.maxRetryAfterMillis;
        this.retryAnyMethod = b.retryAnyMethod;
    }

    /** Never retries; the manager's default. */
    public static RetryPolicy none() {
        return NONE;
    }

    /** Up to {@code maxAttempts} attempts in all, 250 ms base delay doubling to at most 10 s. */
    public static RetryPolicy exponential(int maxAttempts) {
        return new Builder().maxAttempts(maxAttempts).build();
    }

    /** A builder with the defaults of {@link #exponential(int)} with 3 attempts. */
    public static Builder builder() {
        return new Builder();
    }

    /** Attempts in all, the first included. */
    public int maxAttempts() {
        return maxAttempts;
    }

    /**
     * Whether attempt number {@code attempt} (1 for the first), which ended in {@code failure}
     * or in a response with {@code status} (when failure is null), should be tried again.
     */
    public boolean shouldRetry(HttpRequest request, int attempt, FetchException failure, int status) {
        if (attempt >= maxAttempts) {
            return false;
        }
        boolean methodAllows = retryAnyMethod || request.isIdempotent();
        if (failure != null) {
            switch (failure.kind()) {
                case CONNECT_REFUSED:
                case UNKNOWN_HOST:
                case CONNECT_TIMEOUT:
                    return true;
                case READ_TIMEOUT:
                case NETWORK:
                case PROTOCOL:
                    return methodAllows || !failure.isRequestSent();
                default:
                    return false;
            }
        }
        switch (HttpStatus.understood(status)) {
            case 408:
            case 429:
            case 500:
            case 502:
            case 503:
            case 504:
                return methodAllows;
            default:
                return false;
        }
    }

    /**
     * Milliseconds to wait before attempt {@code attempt + 1}, or -1 when the server's
     * Retry-After asks for longer than this policy accepts.
     *
     * @param retryAfter the Retry-After header (seconds or an HTTP date), or null
     * @param random a number in [0, 1) for the jitter
     * @param nowMillis the wall-clock time, to resolve an HTTP-date Retry-After
     */
    public long delayMillis(int attempt, String retryAfter, double random, long nowMillis) {
        long serverDelay = parseRetryAfter(retryAfter, nowMillis);
        if (serverDelay > maxRetryAfterMillis) {
            return -1;
        }
        int doublings = Math.max(0, Math.min(attempt - 1, 62));
        // Compared before shifting: a shift past a long's range wraps to 0, an immediate retry.
        long backoff = baseDelayMillis > (maxDelayMillis >> doublings) ? maxDelayMillis : baseDelayMillis << doublings;
        long jittered = (long) (backoff * (1 - jitter * random));
        return Math.max(jittered, serverDelay);
    }

    private static long parseRetryAfter(String value, long nowMillis) {
        if (value == null || value.isEmpty()) {
            return 0;
        }
        String v = value.trim();
        // delay-seconds is 1*DIGIT (RFC 9110 section 10.2.3): checked first, since Long.parseLong
        // also takes a sign and non-ASCII digits, which made "+5" a five-second wait.
        if (isDigits(v)) {
            try {
                long seconds = Long.parseLong(v);
                // Saturated, not wrapped: a wait too long to count must end the retries, not skip the wait.
                return seconds > Long.MAX_VALUE / 1000 ? Long.MAX_VALUE : seconds * 1000;
            } catch (NumberFormatException tooLong) {
                return Long.MAX_VALUE;
            }
        }
        long at = HttpDates.parse(v);
        return at == Long.MIN_VALUE ? 0 : Math.max(0, at - nowMillis);
    }

    private static boolean isDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return !s.isEmpty();
    }

    /** Collects a policy's settings. */
    public static final class Builder {
        private int maxAttempts = 3;
        private long baseDelayMillis = 250;
        private long maxDelayMillis = 10_000;
        private double jitter = 0.5;
        private long maxRetryAfterMillis = 60_000;
        private boolean retryAnyMethod;

        /** Attempts in all, the first included; 1 means no retry. */
        public Builder maxAttempts(int attempts) {
            this.maxAttempts = Checks.positive("maxAttempts", attempts);
            return this;
        }

        /** Delay before the first retry; each later one doubles it. */
        public Builder baseDelayMillis(long millis) {
            this.baseDelayMillis = Checks.notNegative("baseDelayMillis", millis);
            return this;
        }

        /** Cap on the backoff delay. */
        public Builder maxDelayMillis(long millis) {
            this.maxDelayMillis = Checks.notNegative("maxDelayMillis", millis);
            return this;
        }

        /** Fraction of each delay taken off at random, 0 (none) to 1 (full jitter). */
        public Builder jitter(double fraction) {
            if (!(fraction >= 0 && fraction <= 1)) {
                throw new IllegalArgumentException("jitter must be in [0, 1], was " + fraction);
            }
            this.jitter = fraction;
            return this;
        }

        /** Longest Retry-After honoured; a server asking for more ends the retries. */
        public Builder maxRetryAfterMillis(long millis) {
            this.maxRetryAfterMillis = Checks.notNegative("maxRetryAfterMillis", millis);
            return this;
        }

        /** Also retry non-idempotent methods (POST, PATCH) after the request was sent. */
        public Builder retryAnyMethod(boolean any) {
            this.retryAnyMethod = any;
            return this;
        }

        /** Builds the policy. */
        public RetryPolicy build() {
            if (maxDelayMillis < baseDelayMillis) {
                throw new IllegalArgumentException("maxDelayMillis " + maxDelayMillis
                        + " is below baseDelayMillis " + baseDelayMillis);
            }
            return new RetryPolicy(this);
        }
    }
}
