package com.gdxfetch.bench;

import com.badlogic.gdx.files.FileHandle;
import com.gdxfetch.net.Decoders;
import com.gdxfetch.net.FetchCallback;
import com.gdxfetch.net.FetchConfig;
import com.gdxfetch.net.FetchException;
import com.gdxfetch.net.FetchManager;
import com.gdxfetch.net.HttpResponse;
import com.gdxfetch.net.ResponseDecoder;
import com.gdxfetch.net.ResponseSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * A 4 KiB JSON GET answered by the HTTP cache against the same GET answered by nginx over
 * loopback, from {@code send} to the callback, with the bench thread as a render thread running
 * {@code update()} back to back: once with the raw response, once decoded with
 * {@code Decoders.json(Leaderboard.class)} on both paths (a worker runs the decoder, so the hit
 * goes there and back), plus a GET revalidated with a 304. Each pair runs side by side in the same
 * rounds, its order reversed every other round. A JFR recording of file reads and writes (every one, no threshold) taken over the
 * cache hits says on which threads the cache touched its files.
 */
public final class CacheBench implements BenchSuite {
    private static final int ROUNDS = 11;
    private static final int PER_ROUND = 300;
    private static final int REVALIDATIONS_PER_ROUND = 30;
    private static final int RECORDED_HITS = 500;

    private final Thread renderThread = Thread.currentThread();
    private long sentAt;
    private long answeredAt;
    private ResponseSource source;
    private FetchException failure;
    private long checksum;

    /** What a game sends: any decoder but the raw response's runs on a worker, hit or not. */
    private final ResponseDecoder<Leaderboard> json = Decoders.json(Leaderboard.class);

    private final FetchCallback<Leaderboard> decodedCallback = new FetchCallback<Leaderboard>() {
        @Override
        public void onSuccess(Leaderboard result, HttpResponse response) {
            answeredAt = System.nanoTime();
            source = response.source();
            checksum += result.checksum();
        }

        @Override
        public void onFailure(FetchException error) {
            answeredAt = System.nanoTime();
            failure = error;
        }
    };

    private final FetchCallback<HttpResponse> callback = new FetchCallback<HttpResponse>() {
        @Override
        public void onSuccess(HttpResponse result, HttpResponse response) {
            answeredAt = System.nanoTime();
            source = result.source();
            checksum += result.body().length;
        }

        @Override
        public void onFailure(FetchException error) {
            answeredAt = System.nanoTime();
            failure = error;
        }
    };

    @Override
    public String name() {
        return "cache";
    }

    @Override
    public void run(Path outputDir) throws Exception {
        byte[] payload = Leaderboard.sample(4096);
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("fresh.json", payload);
        files.put("revalidate.json", payload);
        Path cacheDir = outputDir.resolve("cache-http");
        deleteTree(cacheDir);
        String locations = "    location = /fresh.json { add_header Cache-Control \"max-age=86400\"; }\n"
                + "    location = /revalidate.json { add_header Cache-Control \"no-cache\"; }\n";
        FetchManager plain = new FetchManager();
        FetchManager cached = new FetchManager(FetchConfig.builder()
                .httpCache(new FileHandle(cacheDir.toFile()), 64L << 20).build());
        List<double[]> network = new ArrayList<>();
        List<double[]> hits = new ArrayList<>();
        List<double[]> revalidated = new ArrayList<>();
        List<double[]> decodedNetwork = new ArrayList<>();
        List<double[]> decodedHits = new ArrayList<>();
        Map<String, Integer> fileEvents;
        try (Nginx nginx = Nginx.start(outputDir.resolve("nginx-cache"), files, 0, false, locations)) {
            String fresh = nginx.url("fresh.json");
            String revalidate = nginx.url("revalidate.json");
            expect(cached, fresh, ResponseSource.NETWORK);
            expect(cached, revalidate, ResponseSource.NETWORK);
            for (int round = 0; round < ROUNDS; round++) {
                // Round 0 warms both paths up and is dropped; odd rounds run the cache first.
                double[] n;
                double[] h;
                double[] dn;
                double[] dh;
                if (round % 2 == 0) {
                    n = samples(plain, fresh, ResponseSource.NETWORK, PER_ROUND, false);
                    h = samples(cached, fresh, ResponseSource.CACHE, PER_ROUND, false);
                    dn = samples(plain, fresh, ResponseSource.NETWORK, PER_ROUND, true);
                    dh = samples(cached, fresh, ResponseSource.CACHE, PER_ROUND, true);
                } else {
                    h = samples(cached, fresh, ResponseSource.CACHE, PER_ROUND, false);
                    n = samples(plain, fresh, ResponseSource.NETWORK, PER_ROUND, false);
                    dh = samples(cached, fresh, ResponseSource.CACHE, PER_ROUND, true);
                    dn = samples(plain, fresh, ResponseSource.NETWORK, PER_ROUND, true);
                }
                double[] r = samples(cached, revalidate, ResponseSource.REVALIDATED, REVALIDATIONS_PER_ROUND, false);
                if (round > 0) {
                    network.add(n);
                    hits.add(h);
                    revalidated.add(r);
                    decodedNetwork.add(dn);
                    decodedHits.add(dh);
                }
            }
            fileEvents = fileEventsOverHits(cached, fresh, outputDir.resolve("cache-file-io.jfr"));
        } finally {
            plain.dispose();
            cached.dispose();
        }

        double[] n = concat(network);
        double[] h = concat(hits);
        double[] r = concat(revalidated);
        double[] dn = concat(decodedNetwork);
        double[] dh = concat(decodedHits);
        Integer onRender = fileEvents.remove(renderThread.getName());
        JsonOut out = new JsonOut()
                .put("suite", "cache")
                .put("bodyBytes", payload.length)
                .put("rounds", ROUNDS - 1)
                .put("samplesPerRoundPerPath", PER_ROUND)
                .put("networkMedianNs", Stats.median(n))
                .put("cacheHitMedianNs", Stats.median(h))
                .put("hitToNetworkRatio", Stats.median(h) / Stats.median(n))
                .put("networkP90Ns", Stats.percentile(n, 90))
                .put("cacheHitP90Ns", Stats.percentile(h, 90))
                .putNumbers("networkRoundMediansNs", roundMedians(network))
                .putNumbers("cacheHitRoundMediansNs", roundMedians(hits))
                .put("decodedNetworkMedianNs", Stats.median(dn))
                .put("decodedHitMedianNs", Stats.median(dh))
                .put("decodedHitToNetworkRatio", Stats.median(dh) / Stats.median(dn))
                .put("decodedNetworkP90Ns", Stats.percentile(dn, 90))
                .put("decodedHitP90Ns", Stats.percentile(dh, 90))
                .putNumbers("decodedNetworkRoundMediansNs", roundMedians(decodedNetwork))
                .putNumbers("decodedHitRoundMediansNs", roundMedians(decodedHits))
                .put("revalidated304MedianNs", Stats.median(r))
                .put("revalidated304Samples", r.length)
                .put("recordedHits", RECORDED_HITS)
                .put("renderThreadFileReadsAndWrites", onRender == null ? 0 : onRender)
                .put("fileReadsAndWritesByThread", byThread(fileEvents))
                .put("checksum", checksum);
        out.write(outputDir.resolve("cache.json"));
    }

    /** One GET, which must come from {@code expected}; for setting up entries. */
    private void expect(FetchManager fetch, String url, ResponseSource expected) {
        samples(fetch, url, expected, 1, false);
    }

    /**
     * {@code count} GETs one after the other, raw or decoded with {@link #json}, each timed from
     * send to callback, in nanoseconds.
     */
    private double[] samples(FetchManager fetch, String url, ResponseSource expected, int count, boolean decoded) {
        double[] nanos = new double[count];
        for (int i = 0; i < count; i++) {
            answeredAt = 0;
            source = null;
            failure = null;
            sentAt = System.nanoTime();
            if (decoded) {
                fetch.get(url).send(json, decodedCallback);
            } else {
                fetch.get(url).send(callback);
            }
            while (answeredAt == 0) {
                fetch.update();
            }
            if (failure != null) {
                throw new IllegalStateException("GET " + url + " failed", failure);
            }
            if (source != expected) {
                throw new IllegalStateException("GET " + url + " came from " + source + ", expected " + expected);
            }
            nanos[i] = answeredAt - sentAt;
        }
        return nanos;
    }

    /**
     * File reads and writes per thread (JFR {@code jdk.FileRead}, {@code jdk.FileWrite},
     * {@code jdk.FileForce}, all of them) while {@link #RECORDED_HITS} cache hits run.
     */
    private Map<String, Integer> fileEventsOverHits(FetchManager cached, String url, Path file) throws Exception {
        Map<String, Integer> counts = new TreeMap<>();
        try (Recording recording = new Recording()) {
            recording.enable("jdk.FileRead").withThreshold(Duration.ZERO);
            recording.enable("jdk.FileWrite").withThreshold(Duration.ZERO);
            recording.enable("jdk.FileForce").withThreshold(Duration.ZERO);
            recording.start();
            samples(cached, url, ResponseSource.CACHE, RECORDED_HITS, false);
            recording.stop();
            recording.dump(file);
        }
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            RecordedThread thread = event.getThread();
            String name = thread == null ? "(none)" : thread.getJavaName();
            counts.merge(name, 1, Integer::sum);
        }
        return counts;
    }

    private static JsonOut byThread(Map<String, Integer> counts) {
        JsonOut out = new JsonOut();
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            out.put(e.getKey(), e.getValue());
        }
        return out;
    }

    private static double[] roundMedians(List<double[]> rounds) {
        double[] medians = new double[rounds.size()];
        for (int i = 0; i < medians.length; i++) {
            medians[i] = Stats.median(rounds.get(i));
        }
        return medians;
    }

    private static double[] concat(List<double[]> parts) {
        int n = 0;
        for (double[] p : parts) {
            n += p.length;
        }
        double[] all = new double[n];
        int at = 0;
        for (double[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }

    private static void deleteTree(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
