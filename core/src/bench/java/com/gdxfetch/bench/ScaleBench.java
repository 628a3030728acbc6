package com.gdxfetch.bench;

import com.gdxfetch.net.Decoders;
import com.gdxfetch.net.FetchCallback;
import com.gdxfetch.net.FetchConfig;
import com.gdxfetch.net.FetchException;
import com.gdxfetch.net.FetchManager;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;

/**
 * 10,000 requests in flight at once against a server that never answers: how long they take to
 * get on the wire, the threads, heap and resident memory they hold, what an idle {@code update()}
 * costs meanwhile, and how long {@code dispose()} takes to end them all.
 */
public final class ScaleBench implements BenchSuite {
    static final int IN_FLIGHT = 10_000;
    private static final int UPDATE_CALLS = 200_000;

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private int cancelled;
    private int failed;
    private String firstFailure;

    @Override
    public String name() {
        return "scale";
    }

    @Override
    public void run(Path outputDir) throws Exception {
        Process server = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), HoldingServer.class.getName())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(server.getInputStream(),
                    StandardCharsets.UTF_8));
            String first = lines.readLine();
            if (first == null || !first.startsWith("port ")) {
                throw new IOException("holding server did not start: " + first);
            }
            String url = "http://127.0.0.1:" + first.substring(5) + "/held";
            int[] accepted = {0};
            Thread reader = new Thread(() -> follow(lines, accepted), "holding-server-output");
            reader.setDaemon(true);
            reader.start();
            measure(url, accepted, outputDir);
        } finally {
            server.getOutputStream().close();
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    private void measure(String url, int[] accepted, Path outputDir) throws Exception {
        FetchCallback<byte[]> callback = new FetchCallback<byte[]>() {
            @Override
            public void onSuccess(byte[] result, com.gdxfetch.net.HttpResponse response) {
                failed++;
                firstFailure = "unexpected response " + response;
            }

            @Override
            public void onFailure(FetchException failure) {
                failed++;
                if (firstFailure == null) {
                    firstFailure = failure.toString();
                }
            }

            @Override
            public void onCancelled() {
                cancelled++;
            }
        };
        FetchManager fetch = new FetchManager(FetchConfig.builder().maxRequests(IN_FLIGHT)
                .maxRequestsPerHost(IN_FLIGHT).connectTimeoutMillis(120_000).readTimeoutMillis(300_000).build());
        long heapBase = heapAfterGc();
        long rssBase = residentBytes();
        long startedBase = threads.getTotalStartedThreadCount();

        long start = System.nanoTime();
        for (int i = 0; i < IN_FLIGHT; i++) {
            fetch.get(url).send(Decoders.bytes(), callback);
        }
        long sendNanos = System.nanoTime() - start;
        long deadline = start + TimeUnit.SECONDS.toNanos(90);
        while (acceptedCount(accepted) < IN_FLIGHT && System.nanoTime() < deadline && failed == 0) {
            fetch.update();
            Thread.sleep(1);
        }
        long rampNanos = System.nanoTime() - start;
        int reached = acceptedCount(accepted);
        int inFlight = fetch.inFlightCount();
        int liveThreads = ioThreadsAlive();
        long threadsCreated = threads.getTotalStartedThreadCount() - startedBase;
        long heapHeld = heapAfterGc() - heapBase;
        long rssHeld = residentBytes() - rssBase;
        double updateNs = idleUpdateNanos(fetch);

        long disposeStart = System.nanoTime();
        fetch.dispose();
        double disposeMs = (System.nanoTime() - disposeStart) / 1e6;
        int liveAfter = ioThreadsAlive();

        new JsonOut()
                .put("client", "gdx-fetch")
                .put("in_flight_target", IN_FLIGHT)
                .put("connections_accepted", reached)
                .put("in_flight_reported", inFlight)
                .put("threads_created", threadsCreated)
                .put("threads_alive_in_flight", liveThreads)
                .put("heap_used_bytes", heapHeld)
                .put("heap_per_in_flight_bytes", heapHeld / (double) IN_FLIGHT)
                .put("rss_bytes", rssHeld)
                .put("rss_per_in_flight_bytes", rssHeld / (double) IN_FLIGHT)
                .put("send_10k_ms", sendNanos / 1e6)
                .put("all_on_the_wire_ms", rampNanos / 1e6)
                .put("update_ns_with_10k_in_flight", updateNs)
                .put("dispose_ms", disposeMs)
                .put("cancelled_callbacks", cancelled)
                .put("failed_before_dispose", failed)
                .put("first_failure", firstFailure)
                .put("threads_alive_after_dispose", liveAfter)
                .put("open_files_limit", openFilesLimit())
                .write(outputDir.resolve("scale.json"));
        if (reached < IN_FLIGHT) {
            System.out.println("[bench] scale: only " + reached + " of " + IN_FLIGHT + " connections were accepted");
        }
    }

    private static void follow(BufferedReader lines, int[] accepted) {
        try {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("accepted ")) {
                    synchronized (accepted) {
                        accepted[0] = Integer.parseInt(line.substring(9));
                    }
                }
            }
        } catch (IOException ignored) {
            // The server is gone; the count stays where it was.
        }
    }

    private static int acceptedCount(int[] accepted) {
        synchronized (accepted) {
            return accepted[0];
        }
    }

    private static double idleUpdateNanos(FetchManager fetch) {
        boolean sink = false;
        for (int i = 0; i < UPDATE_CALLS; i++) {
            sink ^= fetch.update();
        }
        long start = System.nanoTime();
        for (int i = 0; i < UPDATE_CALLS; i++) {
            sink ^= fetch.update();
        }
        double nanos = (System.nanoTime() - start) / (double) UPDATE_CALLS;
        return sink ? nanos : nanos + 0.0;
    }

    /** The socket transport's I/O threads alive now (other suites' pools may still be winding down). */
    private static int ioThreadsAlive() {
        int alive = 0;
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith("gdx-fetch-io-") && thread.isAlive()) {
                alive++;
            }
        }
        return alive;
    }

    private long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static long residentBytes() throws IOException {
        for (String line : Files.readAllLines(Paths.get("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return -1;
    }

    private static String openFilesLimit() throws IOException {
        for (String line : Files.readAllLines(Paths.get("/proc/self/limits"))) {
            if (line.startsWith("Max open files")) {
                return line.substring("Max open files".length()).trim().replaceAll("\\s+", " ");
            }
        }
        return "unknown";
    }
}
