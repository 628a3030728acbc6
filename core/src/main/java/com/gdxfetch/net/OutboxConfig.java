package com.gdxfetch.net;

import com.badlogic.gdx.files.FileHandle;
import com.gdxfetch.internal.Checks;
import com.gdxfetch.internal.Platform;

import java.io.File;

/**
 * Settings of a {@link FetchManager}'s {@link Outbox}: the folder its journal lives in, its bounds
 * and how soon it retries. Immutable; build with {@link #builder(FileHandle)} and pass to
 * {@link FetchConfig.Builder#outbox(OutboxConfig)}. Any thread; a builder setter given a bad value
 * throws {@link IllegalArgumentException} naming the setting and the value.
 */
public final class OutboxConfig {
    /** Default limit on requests kept at once. */
    public static final int DEFAULT_MAX_ENTRIES = 256;
    /** Default limit on the bytes of the requests kept at once (URL, headers and body): 4 MiB. */
    public static final long DEFAULT_MAX_BYTES = 4L << 20;
    /** Default largest response body kept as an outcome: 64 KiB. */
    public static final long DEFAULT_MAX_RESPONSE_BYTES = 64L << 10;

    private final File directory;
    private final int maxEntries;
    private final long maxBytes;
    private final long maxResponseBytes;
    private final RetryPolicy retryPolicy;

    private OutboxConfig(Builder b) {
        this.directory = b.directory;
        this.maxEntries = b.maxEntries;
        this.maxBytes = b.maxBytes;
        this.maxResponseBytes = b.maxResponseBytes;
        this.retryPolicy = RetryPolicy.builder()
                .maxAttempts(Integer.MAX_VALUE)
                .baseDelayMillis(b.baseDelayMillis)
                .maxDelayMillis(b.maxDelayMillis)
                .maxRetryAfterMillis(b.maxRetryAfterMillis)
                .retryAnyMethod(true)
                .build();
    }

    /**
     * A builder for an outbox kept in {@code directory}, typically
     * {@code Gdx.files.local("outbox")}: a folder only this outbox writes to. The folder must be
     * on the file system ({@code local}, {@code external} or {@code absolute}), not classpath or
     * internal.
     *
     * @throws IllegalStateException in a web build, which has no outbox yet
     */
    public static Builder builder(FileHandle directory) {
        return new Builder(directory);
    }

    /** The journal's folder. */
    public File directory() {
        return directory;
    }

    /** Requests kept at once; a send beyond it is refused. */
    public int maxEntries() {
        return maxEntries;
    }

    /** Bytes of the requests kept at once (URL, headers and body); a send beyond it is refused. */
    public long maxBytes() {
        return maxBytes;
    }

    /** Largest response body kept with an outcome; a larger answer ends with no body. */
    public long maxResponseBytes() {
        return maxResponseBytes;
    }

    /**
     * The backoff between attempts: never gives up, retries any method (each request carries an
     * {@code Idempotency-Key}), honours Retry-After up to its limit.
     */
    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    /** Collects an outbox's settings; each setter validates its value. */
    public static final class Builder {
        private final File directory;
        private int maxEntries = DEFAULT_MAX_ENTRIES;
        private long maxBytes = DEFAULT_MAX_BYTES;
        private long maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;
        private long baseDelayMillis = 1_000;
        private long maxDelayMillis = 30_000;
        private long maxRetryAfterMillis = 3_600_000;

        Builder(FileHandle directory) {
            if (Platform.isWeb()) {
                throw new IllegalStateException("the outbox (OutboxConfig, FetchConfig.outbox) is not available in web "
                        + "builds yet; send with FetchManager.post(...) and a retry policy instead");
            }
            if (directory == null) {
                throw new IllegalArgumentException("outbox directory is null");
            }
            File file;
            try {
                file = directory.file();
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("outbox directory " + directory + " is not on the file system ("
                        + directory.type() + "); use Gdx.files.local(...)", e);
            }
            if (file == null || file.getPath().isEmpty()) {
                throw new IllegalArgumentException("outbox directory " + directory + " has no file path");
            }
            this.directory = file;
        }

        /** Requests kept at once (default {@value #DEFAULT_MAX_ENTRIES}). */
        public Builder maxEntries(int max) {
            this.maxEntries = Checks.positive("outbox maxEntries", max);
            return this;
        }

        /** Bytes of the requests kept at once: URL, headers and body (default 4 MiB). */
        public Builder maxBytes(long bytes) {
            this.maxBytes = Checks.positive("outbox maxBytes", bytes);
            return this;
        }

        /** Largest response body kept with an outcome (default 64 KiB). */
        public Builder maxResponseBytes(long bytes) {
            this.maxResponseBytes = Checks.positive("outbox maxResponseBytes", bytes);
            return this;
        }

        /**
         * Backoff between attempts while the network or server is down: {@code baseMillis}
         * before the first retry, doubling up to {@code maxMillis} (defaults 1 s and 30 s).
         */
        public Builder retryDelays(long baseMillis, long maxMillis) {
            Checks.notNegative("outbox retry base delay (ms)", baseMillis);
            Checks.notNegative("outbox retry max delay (ms)", maxMillis);
            if (maxMillis < baseMillis) {
                throw new IllegalArgumentException("outbox retry max delay " + maxMillis
                        + " ms is below its base delay " + baseMillis + " ms");
            }
            this.baseDelayMillis = baseMillis;
            this.maxDelayMillis = maxMillis;
            return this;
        }

        /**
         * Longest Retry-After honoured (default 1 hour); a server asking for longer gets the
         * ordinary backoff instead. Whatever is honoured, a request waits at most about 73
         * years, as a request manager's retry does.
         */
        public Builder maxRetryAfterMillis(long millis) {
            this.maxRetryAfterMillis = Checks.notNegative("outbox maxRetryAfterMillis", millis);
            return this;
        }

        /** Builds the configuration. */
        public OutboxConfig build() {
            return new OutboxConfig(this);
        }
    }
}
