package com.gdxfetch.bench;

import com.badlogic.gdx.files.FileHandle;
import com.gdxfetch.net.Decoders;
import com.gdxfetch.net.DownloadHandle;
import com.gdxfetch.net.FetchCallback;
import com.gdxfetch.net.FetchConfig;
import com.gdxfetch.net.FetchException;
import com.gdxfetch.net.FetchHandle;
import com.gdxfetch.net.FetchManager;
import com.gdxfetch.net.HttpResponse;
import com.gdxfetch.net.Transports;

import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;

import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okio.BufferedSink;
import okio.Okio;

/**
 * One Java client of {@link DownloadBench} in its own JVM. Arguments: client, big file URL, small
 * file URL, output folder, concurrency, and the server's certificate (a PEM file every https
 * connection trusts alone; {@code -} over http). Prints {@code result <MB/s second run> <MB/s first run>
 * <peak RSS growth bytes>}.
 */
public final class DownloadBenchClient {
    private DownloadBenchClient() {
    }

    /** One way of bringing {@code count} copies of a file to disk at once. */
    private interface Client extends AutoCloseable {
        void download(String url, File[] files) throws Exception;

        @Override
        void close();
    }

    public static void main(String[] args) throws Exception {
        String name = args[0];
        String big = args[1];
        String small = args[2];
        File out = new File(args[3]);
        int concurrency = Integer.parseInt(args[4]);
        SSLContext trust = args[5].equals("-") ? null : trust(args[5]);
        try (Client client = create(name, trust)) {
            // Idle and warm: classes loaded, a connection made, nothing in flight.
            File warm = new File(out, name + "-warm.bin");
            client.download(small, new File[] {warm});
            Files.delete(warm.toPath());
            System.gc();
            // "5" resets the peak resident size (VmHWM) to the current one (proc(5), clear_refs).
            Files.write(Paths.get("/proc/self/clear_refs"), "5".getBytes(StandardCharsets.US_ASCII));
            long idle = status("VmHWM:");
            double[] mbPerS = new double[2];
            for (int run = 0; run < 2; run++) {
                File[] files = new File[concurrency];
                for (int i = 0; i < concurrency; i++) {
                    files[i] = new File(out, name + "-" + i + ".bin");
                }
                long start = System.nanoTime();
                client.download(big, files);
                long nanos = System.nanoTime() - start;
                long bytes = 0;
                for (File f : files) {
                    if (f.length() != DownloadBench.SIZE) {
                        throw new IOException(f + " is " + f.length() + " bytes, expected " + DownloadBench.SIZE);
                    }
                    bytes += f.length();
                    Files.delete(f.toPath());
                }
                mbPerS[run] = bytes / (nanos / 1e9) / 1e6;
            }
            long peak = status("VmHWM:");
            // The kernel syncs threads' resident counters in steps, so a flat peak can read a
            // few pages under the idle figure.
            System.out.printf(Locale.ROOT, "result %.3f %.3f %d%n", mbPerS[1], mbPerS[0], Math.max(0, peak - idle));
        }
        System.exit(0);
    }

    /** A field of /proc/self/status in bytes. */
    private static long status(String field) throws IOException {
        for (String line : Files.readAllLines(Paths.get("/proc/self/status"))) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]) * 1024;
            }
        }
        throw new IOException(field + " not in /proc/self/status");
    }

    /** A TLS context trusting the certificate in the PEM file {@code path} and nothing else. */
    private static SSLContext trust(String path) throws Exception {
        try (InputStream in = new FileInputStream(path)) {
            return BenchTrust.trustOnly((X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
    }

    /** The client {@code name}, over https trusting what {@code trust} trusts (null: over http). */
    private static Client create(String name, SSLContext trust) {
        if (trust != null) {
            HttpsURLConnection.setDefaultSSLSocketFactory(trust.getSocketFactory());
        }
        switch (name) {
            case "gdx-fetch":
                return new Fetch(trust);
            case "gdx-fetch-whole-body":
                return new WholeBody();
            case "http-url-connection":
                return new Threaded() {
                    @Override
                    void one(String url, File file) throws IOException {
                        HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
                        byte[] buf = new byte[64 * 1024];
                        try (InputStream in = c.getInputStream(); OutputStream o = new FileOutputStream(file)) {
                            for (int n; (n = in.read(buf)) >= 0; ) {
                                o.write(buf, 0, n);
                            }
                        }
                    }
                };
            case "okhttp":
                return new Threaded() {
                    private final OkHttpClient ok = trust == null ? new OkHttpClient() : new OkHttpClient.Builder()
                            .sslSocketFactory(trust.getSocketFactory(), BenchTrust.trustManager(trust)).build();

                    @Override
                    void one(String url, File file) throws IOException {
                        try (Response r = ok.newCall(new Request.Builder().url(url).build()).execute();
                                BufferedSink sink = Okio.buffer(Okio.sink(file))) {
                            sink.writeAll(r.body().source());
                        }
                    }

                    @Override
                    public void close() {
                        ok.dispatcher().executorService().shutdown();
                        ok.connectionPool().evictAll();
                    }
                };
            default:
                throw new IllegalArgumentException("unknown client " + name);
        }
    }

    /** gdx-fetch's {@code download()}, the frame loop driven here at about 1 kHz. */
    private static final class Fetch implements Client {
        private final FetchManager fetch;

        Fetch(SSLContext trust) {
            fetch = trust == null ? new FetchManager()
                    : new FetchManager(FetchConfig.builder().transport(Transports.sockets(trust)).build());
        }

        @Override
        public void download(String url, File[] files) throws IOException {
            List<DownloadHandle> handles = new ArrayList<>();
            for (File f : files) {
                handles.add(fetch.download(url, new FileHandle(f)).send());
            }
            while (!fetch.update()) {
                LockSupport.parkNanos(1_000_000);
            }
            for (FetchHandle<?> h : handles) {
                if (!h.isSuccess()) {
                    throw new IOException("gdx-fetch failed", h.failure());
                }
            }
        }

        @Override
        public void close() {
            fetch.dispose();
        }
    }

    /**
     * The control: gdx-fetch's {@code bytes()} decoder, each body whole in the heap and then
     * written out, as a game without {@code download()} would do it.
     */
    private static final class WholeBody implements Client {
        private final FetchManager fetch = new FetchManager(FetchConfig.builder().maxResponseBytes(256L << 20).build());

        @Override
        public void download(String url, File[] files) throws IOException {
            IOException[] failure = new IOException[1];
            for (File f : files) {
                fetch.get(url).send(Decoders.bytes(), new FetchCallback<byte[]>() {
                    @Override
                    public void onSuccess(byte[] body, HttpResponse response) {
                        try (OutputStream o = new FileOutputStream(f)) {
                            o.write(body);
                        } catch (IOException e) {
                            failure[0] = e;
                        }
                    }

                    @Override
                    public void onFailure(FetchException e) {
                        failure[0] = new IOException(e);
                    }
                });
            }
            while (!fetch.update()) {
                LockSupport.parkNanos(1_000_000);
            }
            if (failure[0] != null) {
                throw failure[0];
            }
        }

        @Override
        public void close() {
            fetch.dispose();
        }
    }

    /** A blocking client: one thread per download, as a game would run it off the render thread. */
    private abstract static class Threaded implements Client {
        abstract void one(String url, File file) throws IOException;

        @Override
        public void download(String url, File[] files) throws Exception {
            Thread[] threads = new Thread[files.length];
            Exception[] failure = new Exception[1];
            for (int i = 0; i < files.length; i++) {
                File f = files[i];
                threads[i] = new Thread(() -> {
                    try {
                        one(url, f);
                    } catch (IOException e) {
                        synchronized (failure) {
                            failure[0] = e;
                        }
                    }
                });
                threads[i].start();
            }
            for (Thread t : threads) {
                t.join();
            }
            synchronized (failure) {
                if (failure[0] != null) {
                    throw failure[0];
                }
            }
        }

        @Override
        public void close() {
        }
    }
}
