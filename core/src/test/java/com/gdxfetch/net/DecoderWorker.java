package com.gdxfetch.net;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * One worker thread that runs decoders through their public entry point, as the manager's workers
 * do, so per-thread buffers carry over from one response to the next exactly as they would there.
 */
final class DecoderWorker implements AutoCloseable {
    /** What one decode gave: a value, or the exception it threw. */
    static final class Outcome<T> {
        final T value;
        final Exception failure;

        Outcome(T value, Exception failure) {
            this.value = value;
            this.failure = failure;
        }

        boolean failed() {
            return failure != null;
        }

        @Override
        public String toString() {
            return failed() ? "failure " + failure : "value " + value;
        }
    }

    private final ExecutorService thread = Executors.newSingleThreadExecutor(task -> {
        Thread worker = new Thread(task, "decoder-worker");
        worker.setDaemon(true);
        return worker;
    });

    /** A 200 response from {@code url} with {@code body}, in {@code charset} when not null. */
    static HttpResponse response(String url, byte[] body, Charset charset) {
        Headers headers = charset == null ? Headers.EMPTY
                : Headers.of("Content-Type", "application/json; charset=" + charset.name());
        return new HttpResponse.Builder().status(200, "OK").headers(headers).body(body).url(url).build();
    }

    static HttpResponse response(String url, String body) {
        return response(url, body.getBytes(StandardCharsets.UTF_8), null);
    }

    /** Runs {@code decoder} on {@code response} on this worker's thread. */
    <T> Outcome<T> decode(ResponseDecoder<T> decoder, HttpResponse response) {
        return run(() -> {
            try {
                return new Outcome<>(decoder.decode(response), null);
            } catch (Exception e) {
                return new Outcome<>(null, e);
            }
        });
    }

    /** Runs {@code work} on this worker's thread and returns what it returned. */
    <T> T run(Callable<T> work) {
        Future<T> done = thread.submit(work);
        try {
            return done.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("decoder worker threw", e.getCause());
        } catch (Exception e) {
            throw new AssertionError("decoder worker did not answer", e);
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
