package com.gdxfetch.net;

import com.badlogic.gdx.Files;
import com.badlogic.gdx.files.FileHandle;
import com.gdxfetch.internal.Checks;
import com.gdxfetch.internal.Platform;
import com.gdxfetch.net.internal.DownloadTarget;

import java.util.Locale;

/**
 * A file to bring onto disk: streamed to {@code <destination>.part} beside the destination,
 * resumed from the bytes already there, verified, and renamed into place only when complete.
 * A destination name too long for its side-cars under the 255-byte name limit (over 241 bytes
 * of UTF-8) gets side-cars named from its first 64 bytes and a digest of the whole name instead.
 * Build one with {@link FetchManager#download(String, FileHandle)} and finish it with
 * {@link Builder#send(FetchCallback)}; the callback gets the destination on the render thread.
 *
 * <pre>{@code
 * DownloadHandle pack = fetch.download("https://example.com/music.zip", Gdx.files.local("music.zip"))
 *         .expectSize(48_213_504L).sha256("9f86d0...").autoResume(5).stallTimeout(15_000)
 *         .send(new FetchCallback<FileHandle>() { ... });
 * // each frame: progressBar.setValue(pack.progress());
 * }</pre>
 *
 * <p>Threading: the builder belongs to the thread that fills it and touches no file; every file
 * operation (reading the partial, writing, hashing, renaming) runs on a worker thread.
 * See {@code core/docs/downloads.md} for the resume rules and the failures.
 */
public final class Download {
    private Download() {
    }

    /**
     * A caller's own check of a complete download, run on a worker thread before the file is
     * renamed into place (a signature, a zip's table of contents).
     */
    public interface Verifier {
        /**
         * Checks {@code file}, the complete partial file.
         *
         * @throws Exception (or an Error, such as a failed assert) to reject it: the partial is
         *     deleted and the download fails with {@link FailureKind#VERIFICATION} carrying
         *     its message
         */
        void verify(FileHandle file) throws Exception;
    }

    /** Collects a download's settings; {@link #send} checks them and starts it. */
    public static final class Builder {
        private final FetchManager manager;
        private final HttpRequest.Builder request;
        private final FileHandle destination;
        private long expectedSize = -1;
        private String sha256;
        private Verifier verifier;
        private int resumeAttempts;
        private RetryPolicy resumePolicy;
        private int stallTimeoutMillis = HttpRequest.DEFAULT;
        private int totalTimeoutMillis;

        Builder(FetchManager manager, String url, FileHandle destination) {
            if (Platform.isWeb()) {
                throw new IllegalStateException("downloads to files (FetchManager.download) are not available in web "
                        + "builds yet; fetch the bytes with FetchManager.get(...) and Decoders.bytes() instead");
            }
            if (destination == null) {
                throw new IllegalArgumentException("download destination is null");
            }
            if (destination.type() == Files.FileType.Classpath || destination.type() == Files.FileType.Internal) {
                throw new IllegalArgumentException("download destination '" + destination.path() + "' is a "
                        + destination.type() + " file, which is read-only; download to a Local, External or "
                        + "Absolute file");
            }
            this.manager = manager;
            this.request = HttpRequest.get(url);
            this.destination = destination;
        }

        /** Fails with {@link FailureKind#VERIFICATION} unless the file is exactly {@code bytes} long. */
        public Builder expectSize(long bytes) {
            this.expectedSize = Checks.notNegative("expected size", bytes);
            return this;
        }

        /**
         * Fails with {@link FailureKind#VERIFICATION} unless the file's SHA-256 is {@code hex}
         * (64 hexadecimal digits, either case).
         */
        public Builder sha256(String hex) {
            if (hex == null || hex.length() != 64) {
                throw new IllegalArgumentException("sha256 must be 64 hexadecimal digits, was '" + hex + "'");
            }
            for (int i = 0; i < 64; i++) {
                if (Character.digit(hex.charAt(i), 16) < 0) {
                    throw new IllegalArgumentException("sha256 must be 64 hexadecimal digits, was '" + hex + "'");
                }
            }
            this.sha256 = hex.toLowerCase(Locale.ROOT);
            return this;
        }

        /** Runs {@code verifier} on the complete file before it is renamed into place. */
        public Builder verify(Verifier verifier) {
            this.verifier = verifier;
            return this;
        }

        /**
         * After a dropped connection, a stall, a cut-short body or a status {@link RetryPolicy}
         * retries (408, 429, 500, 502, 503, 504, 600-999), resumes up to {@code attempts} more times with
         * exponential backoff (0, the default, never).
         */
        public Builder autoResume(int attempts) {
            this.resumeAttempts = Checks.notNegative("resume attempts", attempts);
            this.resumePolicy = null;
            return this;
        }

        /** As {@link #autoResume(int)} with the attempts and backoff of {@code policy}. */
        public Builder autoResume(RetryPolicy policy) {
            if (policy == null) {
                throw new IllegalArgumentException("resume policy is null");
            }
            this.resumePolicy = policy;
            return this;
        }

        /**
         * No byte for {@code millis} ends the attempt with {@link FailureKind#READ_TIMEOUT}
         * (resumed when {@link #autoResume} allows); the manager's read timeout when not set.
         */
        public Builder stallTimeout(int millis) {
            this.stallTimeoutMillis = Checks.positive("stall timeout (ms)", millis);
            return this;
        }

        /** Limit on the whole download, resumes included; 0 (the default) for none. */
        public Builder totalTimeout(int millis) {
            this.totalTimeoutMillis = Checks.notNegative("total timeout (ms)", millis);
            return this;
        }

        /**
         * Adds a request header (an authorization, say); Range and If-Range (from the partial
         * file) and Accept-Encoding (identity, so ranges count the file's own bytes) are the
         * download's own.
         *
         * @throws IllegalArgumentException for one of those, or a name or value a header may not have
         */
        public Builder header(String name, String value) {
            if ("Range".equalsIgnoreCase(name) || "If-Range".equalsIgnoreCase(name)) {
                throw new IllegalArgumentException(name + " is set by the download itself from the partial file");
            }
            if ("Accept-Encoding".equalsIgnoreCase(name)) {
                // send() would replace it with identity: refused here rather than ignored there.
                throw new IllegalArgumentException(name + " is set by the download itself (identity, so that "
                        + "ranges and sizes count the file's own bytes)");
            }
            request.header(name, value);
            return this;
        }

        /** A tag for {@link FetchManager#cancelAll(Object)}. */
        public Builder tag(Object tag) {
            request.tag(tag);
            return this;
        }

        /** Higher priority requests leave the queue first. */
        public Builder priority(int priority) {
            request.priority(priority);
            return this;
        }

        /** Starts the download without a callback; poll the handle. Any thread. */
        public DownloadHandle send() {
            return send(null);
        }

        /**
         * Starts the download; {@code callback} (may be null) gets the destination on the render
         * thread inside {@code update()} once it is complete, verified and in place, or the
         * failure. Any thread; touches no file.
         *
         * @throws IllegalStateException once the manager is disposed
         */
        public DownloadHandle send(FetchCallback<FileHandle> callback) {
            // Saturated: autoResume(Integer.MAX_VALUE), resuming for as long as it takes, must not wrap.
            int attempts = resumeAttempts == Integer.MAX_VALUE ? resumeAttempts : resumeAttempts + 1;
            RetryPolicy policy = resumePolicy != null ? resumePolicy
                    : resumeAttempts == 0 ? RetryPolicy.none() : RetryPolicy.exponential(attempts);
            // Identity, so that byte ranges count the file's own bytes, not a compressed form.
            request.header("Accept-Encoding", "identity").retry(policy).totalTimeout(totalTimeoutMillis);
            if (stallTimeoutMillis != HttpRequest.DEFAULT) {
                request.readTimeout(stallTimeoutMillis);
            }
            HttpRequest built = request.build();
            DownloadTarget target = new DownloadTarget(built.url(), destination, expectedSize, sha256, verifier);
            FetchHandle<FileHandle> call = manager.sendStreaming(built, target, callback);
            return new DownloadHandle(call, target);
        }
    }
}
