package com.gdxfetch.bench;

import com.gdxfetch.net.FetchManager;
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
 * cross-checked with the thread's own allocation counter.
 */
public final class UpdateBench implements BenchSuite {
    private static final int COUNTER_CALLS = 2_000_000;

    @Override
    public String name() {
        return "update";
    }

    @Override
    public void run(Path outputDir) throws Exception {
        Options options = new OptionsBuilder()
                .include(UpdateBenchmarks.class.getName() + "\\.")
                .forks(1)
                .warmupIterations(3).warmupTime(TimeValue.seconds(1))
                .measurementIterations(5).measurementTime(TimeValue.seconds(1))
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
        for (RunResult run : results) {
            String benchmark = run.getParams().getBenchmark();
            Result<?> primary = run.getPrimaryResult();
            if (benchmark.endsWith("idleUpdate")) {
                idleNs = primary.getScore();
                Result<?> alloc = run.getSecondaryResults().get("gc.alloc.rate.norm");
                idleAllocJmh = alloc == null ? Double.NaN : alloc.getScore();
            } else if (benchmark.endsWith("deliverCompletions")) {
                deliveryNs = primary.getScore();
            }
        }
        double idleAllocCounter = idleAllocationByCounter();
        new JsonOut()
                .put("idle_ns", idleNs)
                .put("idle_alloc_bytes", Math.max(idleAllocJmh, idleAllocCounter))
                .put("delivery_ns_per_completion", deliveryNs)
                .put("idle_alloc_bytes_jmh_gc_profiler", idleAllocJmh)
                .put("idle_alloc_bytes_thread_counter", idleAllocCounter)
                .put("thread_counter_calls", COUNTER_CALLS)
                .put("delivery_batch", UpdateBenchmarks.BATCH)
                .put("method", "JMH 1.37, 1 fork, 3x1 s warm-up, 5x1 s measurement, AverageTime; "
                        + "delivery is one update() draining " + UpdateBenchmarks.BATCH
                        + " completions into an empty callback, divided by the count")
                .put("jmh_raw", "update-jmh.json")
                .write(outputDir.resolve("update.json"));
    }

    /** Bytes the thread allocates per idle {@code update()}, from its own allocation counter. */
    private static double idleAllocationByCounter() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long self = Thread.currentThread().getId();
        FetchManager fetch = new FetchManager();
        try {
            boolean sink = false;
            for (int i = 0; i < COUNTER_CALLS; i++) {
                sink ^= fetch.update();
            }
            long before = threads.getThreadAllocatedBytes(self);
            for (int i = 0; i < COUNTER_CALLS; i++) {
                sink ^= fetch.update();
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
}
