package com.gdxfetch.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/**
 * Runs every benchmark suite and writes their JSON under the folder given as the first argument.
 * Further arguments pick suites by name; none runs them all.
 */
public final class BenchMain {
    private BenchMain() {
    }

    /** Every suite, in the order they run; add new suites here. */
    static List<BenchSuite> suites() {
        return List.of(
                new UpdateBench(),
                new FrameBench(),
                new ThroughputBench(),
                new ColdStartBench(),
                new ScaleBench(),
                new DownloadBench(),
                new InputBench(),
                new TextBench(),
                new ImageBench(),
                new OutboxBench(),
                new CacheBench(),
                new WebSocketBench());
    }

    public static void main(String[] args) {
        // Exits either way: the GL window's thread would keep a JVM whose suite failed alive.
        try {
            run(args);
        } catch (Throwable failure) {
            failure.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    private static void run(String[] args) throws Exception {
        Path outputDir = Paths.get(args.length > 0 ? args[0] : "target/bench");
        Files.createDirectories(outputDir);
        List<String> wanted = args.length > 1 ? List.of(args).subList(1, args.length) : List.of();
        for (BenchSuite suite : suites()) {
            if (!wanted.isEmpty() && !wanted.contains(suite.name())) {
                continue;
            }
            long start = System.nanoTime();
            System.out.println("[bench] " + suite.name() + " ...");
            suite.run(outputDir);
            System.out.printf("[bench] %s done in %.1f s -> %s%n", suite.name(),
                    (System.nanoTime() - start) / 1e9, outputDir.resolve(suite.name() + ".json"));
        }
    }
}
