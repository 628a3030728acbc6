package com.gdxfetch.bench;

import com.gdxfetch.net.Decoders;
import com.gdxfetch.net.FetchCallback;
import com.gdxfetch.net.FetchConfig;
import com.gdxfetch.net.FetchException;
import com.gdxfetch.net.FetchManager;
import com.gdxfetch.net.HttpRequest;
import com.gdxfetch.net.HttpResponse;
import com.gdxfetch.net.Transport;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Collection;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * The render thread's cost: an idle {@code update()} (time and bytes allocated) and the cost of
 * each delivered completion, measured with JMH (one fork, GC profiler), and the idle allocation
 * cross-checked with the thread's own allocation counter; plus the cost of one
 * {@code fetch.get(url).send(decoder, callback)}, timed in batches over a transport that never
 * answers, so only the send path is counted.
 */
public final class UpdateBench implements BenchSuite {
    private static final int COUNTER_CALLS = 2_000_000;
    /** Sends per timed batch; every one is cancelled and delivered between batches. */
    static final int SEND_BATCH = 100;
    private static final int SEND_WARMUP_BATCHES = 3_000;
    private static final int SEND_BATCHES = 3_000;
    private static final String SEND_URL = "http://127.0.0.1:9/leaderboard.json";

    @Override
    public String name() {
        return "update";
    }

    @Override
    public void run(Path outputDir) throws Exception {
        Options options = new OptionsBuilder()
                .include(UpdateBenchmarks.class.getName() + "\\.")
                .forks(1)
                .warmupIterations(2).warmupTime(TimeValue.seconds(1))
                .measurementIterations(3).measurementTime(TimeValue.seconds(1))
                .addProfiler(GCProfiler.class)
                .jvmArgs("-Xmx512m")
                .verbosity(VerboseMode.SILENT)
                .resultFormat(ResultFormatType.JSON)
                .result(outputDir.resolve("update-jmh.json").toString())
                .build();
        Collection<RunResult> results = new Runner(options).run();
        double idleNs = Double.NaN;
        double idleAllocJmh = Double.NaN;
        double deliveryNs = Double.NaN;
        double[] decode = {Double.NaN, Double.NaN};
        double[] decodeTree = {Double.NaN, Double.NaN};
        for (RunResult run : results) {
            String benchmark = run.getParams().getBenchmark();
            Result<?> primary = run.getPrimaryResult();
            if (benchmark.endsWith("idleUpdate")) {
                idleNs = primary.getScore();
                idleAllocJmh = allocatedPerOperation(run);
            } else if (benchmark.endsWith("deliverCompletions")) {
                deliveryNs = primary.getScore();
            } else if (benchmark.endsWith("decodeJson")) {
                decode = microsAndBytes(run);
            } else if (benchmark.endsWith("decodeJsonThroughLibgdxTree")) {
                decodeTree = microsAndBytes(run);
            }
        }
        double idleAllocCounter = idleAllocationByCounter();
        double[] send = sendCost();
        new JsonOut()
                .put("idle_ns", idleNs)
                .put("idle_alloc_bytes", Math.max(idleAllocJmh, idleAllocCounter))
                .put("delivery_ns_per_completion", deliveryNs)
                .put("send_ns", send[0])
                .put("send_alloc_bytes", send[1])
                .put("json_decode_us", decode[0])
                .put("json_decode_alloc_bytes", decode[1])
                .put("json_decode_libgdx_tree_us", decodeTree[0])
                .put("json_decode_libgdx_tree_alloc_bytes", decodeTree[1])
                .put("json_document_bytes", Leaderboard.sample(4096).length)
                .put("idle_alloc_bytes_jmh_gc_profiler", idleAllocJmh)
                .put("idle_alloc_bytes_thread_counter", idleAllocCounter)
                .put("thread_counter_calls", COUNTER_CALLS)
                .put("delivery_batch", UpdateBenchmarks.BATCH)
                .put("method", "JMH 1.37, 1 fork, 3x1 s warm-up, 5x1 s measurement, AverageTime; "
                        + "delivery is one update() draining " + UpdateBenchmarks.BATCH
                        + " completions into an empty callback, divided by the count; send_* is the median over "
                        + SEND_BATCHES + " batches of " + SEND_BATCH + " fetch.get(url).send(decoder, callback) calls "
                        + "(after " + SEND_WARMUP_BATCHES + " warm-up batches) over a transport that never answers, "
                        + "nanoTime and the thread's allocation counter, per send; json_decode_* is one worker's "
                        + "Decoders.json(Leaderboard.class) work on the frame benchmark's document, read straight "
                        + "into objects, and *_libgdx_tree_* the same through libGDX's JsonValue tree and Json.readValue "
                        + "(the decoder's fallback for input outside strict JSON)")
                .put("jmh_raw", "update-jmh.json")
                .write(outputDir.resolve("update.json"));
    }

    /** A benchmark's microseconds and bytes allocated per operation. */
    private static double[] microsAndBytes(RunResult run) {
        return new double[] {run.getPrimaryResult().getScore() / 1000, allocatedPerOperation(run)};
    }

    /** Bytes per operation from the GC profiler; NaN without it. */
    private static double allocatedPerOperation(RunResult run) {
        Result<?> alloc = run.getSecondaryResults().get("gc.alloc.rate.norm");
        return alloc == null ? Double.NaN : alloc.getScore();
    }

    /** Bytes the thread allocates per idle {@code update()}, from its own allocation counter. */
    private static double idleAllocationByCounter() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long self = Thread.currentThread().getId();
        FetchManager fetch = new FetchManager();
        try {
            boolean sink = false;
            for (int i = 0; i < COUNTER_CALLS; i++) {
                sink |= !fetch.update();
            }
            long before = threads.getThreadAllocatedBytes(self);
            for (int i = 0; i < COUNTER_CALLS; i++) {
                sink |= !fetch.update();
            }
            long allocated = threads.getThreadAllocatedBytes(self) - before;
            if (sink) {
                System.out.println("[bench] idle update reported open requests");
            }
            return allocated / (double) COUNTER_CALLS;
        } finally {
            fetch.dispose();
        }
    }

    /**
     * The render thread's cost of one {@code fetch.get(url).send(decoder, callback)}: median ns and
     * bytes allocated per send, over batches whose calls are cancelled and delivered untimed.
     */
    private static double[] sendCost() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long self = Thread.currentThread().getId();
        FetchManager fetch = new FetchManager(FetchConfig.builder().transport(new SilentTransport())
                .maxRequests(SEND_BATCH).maxRequestsPerHost(SEND_BATCH).build());
        FetchCallback<HttpResponse> callback = new FetchCallback<HttpResponse>() {
            @Override
            public void onSuccess(HttpResponse result, HttpResponse response) {
                throw new IllegalStateException("the silent transport answered");
            }

            @Override
            public void onFailure(FetchException failure) {
                throw failure;
            }
        };
        double[] nanos = new double[SEND_BATCHES];
        double[] bytes = new double[SEND_BATCHES];
        try {
            for (int batch = -SEND_WARMUP_BATCHES; batch < SEND_BATCHES; batch++) {
                long allocatedBefore = threads.getThreadAllocatedBytes(self);
                long start = System.nanoTime();
                for (int i = 0; i < SEND_BATCH; i++) {
                    fetch.get(SEND_URL).send(Decoders.response(), callback);
                }
                long elapsed = System.nanoTime() - start;
                long allocated = threads.getThreadAllocatedBytes(self) - allocatedBefore;
                if (batch >= 0) {
                    nanos[batch] = elapsed / (double) SEND_BATCH;
                    bytes[batch] = allocated / (double) SEND_BATCH;
                }
                fetch.cancelAll();
                fetch.update(1_000);
                if (fetch.openCount() != 0) {
                    throw new IllegalStateException(fetch.openCount() + " sends left open after cancelAll");
                }
            }
        } finally {
            fetch.dispose();
        }
        return new double[] {Stats.median(nanos), Stats.median(bytes)};
    }

    /** A transport that starts nothing and never answers; cancelling its exchanges does nothing. */
    private static final class SilentTransport implements Transport {
        private static final Exchange NOTHING = () -> { };

        @Override
        public Exchange start(HttpRequest request, Listener listener) {
            return NOTHING;
        }

        @Override
        public void dispose() {
        }
    }
}
