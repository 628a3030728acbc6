package com.gdxfetch.bench;

import com.badlogic.gdx.Net;
import com.badlogic.gdx.backends.headless.HeadlessApplicationConfiguration;
import com.badlogic.gdx.backends.headless.HeadlessNet;
import com.gdxfetch.net.Decoders;
import com.gdxfetch.net.FetchCallback;
import com.gdxfetch.net.FetchConfig;
import com.gdxfetch.net.FetchException;
import com.gdxfetch.net.FetchManager;
import com.gdxfetch.net.HttpResponse;
import com.gdxfetch.net.Transports;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * One client's first request in a fresh JVM, the child process of {@link ColdStartBench}:
 * {@code ColdStart <client> <url> [certificate.pem]}. Times from {@code main}'s entry to the first
 * response body in hand (in the client's callback), the client's set-up included (for https, a
 * TLS context trusting the certificate, made the same way for every client), and prints
 * {@code cold-start <ms> <classes loaded> <threads started> <cpu ms> <trust ms> <set-up ms>}:
 * the counts and the process's CPU time (all its threads, the JVM's own included, from
 * {@code /proc/self/stat} at 10 ms resolution) read after the timing, then the milliseconds
 * from main's entry to the TLS context made and to the client made.
 */
public final class ColdStart {
    /** When the client's set-up ended (manager, Net or OkHttpClient made), as System.nanoTime(). */
    static long setUpDone;

    private ColdStart() {
    }

    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        String client = args[0];
        String url = args[1];
        SSLContext trust = args.length > 2 ? trust(args[2]) : null;
        long trusted = System.nanoTime();
        int length;
        switch (client) {
            case "gdx-fetch":
                length = GdxFetch.get(url, trust);
                break;
            case "gdx-net":
                length = GdxNet.get(url, trust);
                break;
            case "okhttp":
                length = OkHttp.get(url, trust);
                break;
            default:
                throw new IllegalArgumentException("no client " + client);
        }
        double millis = (System.nanoTime() - start) / 1e6;
        long cpuMillis = cpuMillis();
        if (length <= 0) {
            throw new IllegalStateException(client + ": empty body");
        }
        System.out.printf(java.util.Locale.ROOT, "cold-start %.3f %d %d %d %.3f %.3f%n", millis,
                ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount(),
                ManagementFactory.getThreadMXBean().getTotalStartedThreadCount(), cpuMillis,
                (trusted - start) / 1e6, (setUpDone - start) / 1e6);
        System.exit(0);
    }

    /** The process's user plus system CPU time so far: fields 14 and 15 of /proc/self/stat, in 1/100 s. */
    private static long cpuMillis() throws IOException {
        try (InputStream in = new java.io.FileInputStream("/proc/self/stat")) {
            String stat = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
            // After the command name in parentheses: state is field 3, utime 14, stime 15.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
        }
    }

    private static SSLContext trust(String pem) throws Exception {
        try (InputStream in = Files.newInputStream(Paths.get(pem))) {
            return BenchTrust.trustOnly((X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
    }

    /**
     * A game's loop: update(), then sleep until the manager's wake-up says a result waits. Each
     * client is a class of its own, so the child loads only the classes of the client it runs,
     * and no lambda of this file is bootstrapped on a client's account.
     */
    private static final class GdxFetch {
    static int get(String url, SSLContext trust) {
        Thread main = Thread.currentThread();
        FetchManager fetch = new FetchManager(FetchConfig.builder()
                .transport(trust == null ? null : Transports.sockets(trust))
                .wakeUp(new Runnable() {
                    @Override
                    public void run() {
                        LockSupport.unpark(main);
                    }
                }).build());
        setUpDone = System.nanoTime();
        int[] length = {-1};
        fetch.get(url).send(Decoders.bytes(), new FetchCallback<byte[]>() {
            @Override
            public void onSuccess(byte[] body, HttpResponse response) {
                length[0] = body.length;
            }

            @Override
            public void onFailure(FetchException error) {
                throw new IllegalStateException(error);
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (length[0] < 0 && System.nanoTime() < deadline) {
            fetch.update();
            if (length[0] < 0) {
                LockSupport.parkNanos(10_000_000);
            }
        }
        return length[0];
    }
    }

    private static final class GdxNet {
    static int get(String url, SSLContext trust) throws InterruptedException {
        if (trust != null) {
            HttpsURLConnection.setDefaultSSLSocketFactory(trust.getSocketFactory());
        }
        HeadlessNet net = new HeadlessNet(new HeadlessApplicationConfiguration());
        setUpDone = System.nanoTime();
        Net.HttpRequest request = new Net.HttpRequest(Net.HttpMethods.GET);
        request.setUrl(url);
        int[] length = {-1};
        CountDownLatch done = new CountDownLatch(1);
        net.sendHttpRequest(request, new Net.HttpResponseListener() {
            @Override
            public void handleHttpResponse(Net.HttpResponse response) {
                length[0] = response.getResult().length;
                done.countDown();
            }

            @Override
            public void failed(Throwable t) {
                t.printStackTrace();
                done.countDown();
            }

            @Override
            public void cancelled() {
                done.countDown();
            }
        });
        done.await(30, TimeUnit.SECONDS);
        return length[0];
    }
    }

    private static final class OkHttp {
    static int get(String url, SSLContext trust) throws InterruptedException {
        OkHttpClient.Builder builder = new OkHttpClient.Builder();
        if (trust != null) {
            builder.sslSocketFactory(trust.getSocketFactory(), BenchTrust.trustManager(trust));
        }
        OkHttpClient okHttp = builder.build();
        setUpDone = System.nanoTime();
        int[] length = {-1};
        CountDownLatch done = new CountDownLatch(1);
        okHttp.newCall(new Request.Builder().url(url).build()).enqueue(new Callback() {
            @Override
            public void onResponse(Call call, Response response) throws IOException {
                length[0] = response.body().bytes().length;
                done.countDown();
            }

            @Override
            public void onFailure(Call call, IOException e) {
                e.printStackTrace();
                done.countDown();
            }
        });
        done.await(30, TimeUnit.SECONDS);
        return length[0];
    }
    }
}
