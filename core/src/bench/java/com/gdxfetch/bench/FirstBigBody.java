package com.gdxfetch.bench;

import com.gdxfetch.net.Decoders;
import com.gdxfetch.net.FetchCallback;
import com.gdxfetch.net.FetchConfig;
import com.gdxfetch.net.FetchException;
import com.gdxfetch.net.FetchManager;
import com.gdxfetch.net.HttpResponse;
import com.gdxfetch.net.ResponseDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The first big body in a fresh JVM, the child process of {@link ColdStartBench}:
 * {@code FirstBigBody <variant> <small url> <big url>}. One small request makes the client warm
 * and connected, then the big body is fetched twice; prints {@code first-big <ms first> <ms second>}.
 * The variants separate what a whole body in one fresh array costs from the transfer itself:
 * gdx-fetch's {@code bytes()} and {@code text()} decoders, and HttpURLConnection reading into
 * one exact array or streaming through a 64 KiB buffer and keeping nothing.
 */
public final class FirstBigBody {
    static final String[] VARIANTS = {"gdx-fetch-bytes", "gdx-fetch-text", "http-url-connection-array",
            "http-url-connection-streaming"};

    private FirstBigBody() {
    }

    public static void main(String[] args) throws Exception {
        String variant = args[0];
        String small = args[1];
        String big = args[2];
        double[] millis = new double[2];
        if (variant.startsWith("gdx-fetch")) {
            ResponseDecoder<?> decoder = variant.equals("gdx-fetch-text") ? Decoders.text() : Decoders.bytes();
            FetchManager fetch = new FetchManager(FetchConfig.builder().maxResponseBytes(64L << 20).build());
            fetchOne(fetch, small, decoder);
            for (int i = 0; i < 2; i++) {
                long start = System.nanoTime();
                fetchOne(fetch, big, decoder);
                millis[i] = (System.nanoTime() - start) / 1e6;
            }
            fetch.dispose();
        } else {
            boolean array = variant.equals("http-url-connection-array");
            urlConnection(small, array);
            for (int i = 0; i < 2; i++) {
                long start = System.nanoTime();
                urlConnection(big, array);
                millis[i] = (System.nanoTime() - start) / 1e6;
            }
        }
        System.out.printf(java.util.Locale.ROOT, "first-big %.3f %.3f%n", millis[0], millis[1]);
        System.exit(0);
    }

    /** One GET through gdx-fetch, the frame loop driven here until its callback ran. */
    private static void fetchOne(FetchManager fetch, String url, ResponseDecoder<?> decoder) {
        boolean[] done = {false};
        @SuppressWarnings("unchecked")
        ResponseDecoder<Object> any = (ResponseDecoder<Object>) decoder;
        fetch.get(url).send(any, new FetchCallback<Object>() {
            @Override
            public void onSuccess(Object body, HttpResponse response) {
                done[0] = true;
            }

            @Override
            public void onFailure(FetchException error) {
                throw new IllegalStateException(error);
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!done[0]) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no answer from " + url);
            }
            fetch.update();
            LockSupport.parkNanos(100_000);
        }
    }

    /** One GET through HttpURLConnection: into one array of the body's length, or streamed and dropped. */
    private static long urlConnection(String url, boolean array) throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
        try (InputStream in = c.getInputStream()) {
            if (array) {
                byte[] body = new byte[c.getContentLength()];
                for (int at = 0, n; at < body.length; at += n) {
                    n = in.read(body, at, body.length - at);
                    if (n < 0) {
                        throw new IOException("body cut short at " + at);
                    }
                }
                return body.length;
            }
            byte[] buf = new byte[64 * 1024];
            long total = 0;
            for (int n; (n = in.read(buf)) >= 0; ) {
                total += n;
            }
            return total;
        }
    }
}
