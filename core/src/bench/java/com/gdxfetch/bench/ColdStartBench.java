package com.gdxfetch.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The first request in a fresh JVM: for each client and scheme, {@link #JVMS} child JVMs each
 * make one 1 KiB GET against nginx ({@link ColdStart}), the clients interleaved round by round
 * so a slow spell on the host falls on all of them; medians and ratios go to cold_start.json. The
 * children run from jars ({@link ShippedClassPath}), as a shipped game does.
 */
public final class ColdStartBench implements BenchSuite {
    /** Fresh JVMs per client and scheme ({@code -Dbench.cold.jvms}). */
    static final int JVMS = Integer.getInteger("bench.cold.jvms", 10);
    /**
     * {@code -Dbench.cold.schemes=https} runs the https children alone, without the first big body
     * (which runs only with both schemes).
     */
    private static final List<String> SCHEMES = List.of(System.getProperty("bench.cold.schemes", "http,https").split(","));
    /**
     * JVM options for every child, space-separated, {@code {client}} replaced by the client's name
     * ({@code -Dbench.cold.childOptions=-Xlog:class+load:file=cl-{client}-%p.log}), to look into a
     * cell; none by default.
     */
    private static final String CHILD_OPTIONS = System.getProperty("bench.cold.childOptions", "").trim();
    static final String[] CLIENTS = {"gdx-fetch", "gdx-net", "okhttp"};
    /** Fresh JVMs per variant of the first big body. */
    static final int BIG_JVMS = 5;
    static final int BIG_BYTES = 10 << 20;

    @Override
    public String name() {
        return "cold_start";
    }

    @Override
    public void run(Path outputDir) throws Exception {
        byte[] body = new byte[1024];
        new Random(7).nextBytes(body);
        Map<String, byte[]> files = Collections.singletonMap("1k.bin", body);
        String classPath = ShippedClassPath.packInto(outputDir.resolve("cold-start-jars"));
        Map<String, List<double[]>> runs = new LinkedHashMap<>();
        for (boolean tls : new boolean[] {false, true}) {
            String scheme = tls ? "https" : "http";
            if (!SCHEMES.contains(scheme)) {
                continue;
            }
            try (Nginx nginx = Nginx.start(outputDir.resolve("nginx-cold-" + scheme), files, 0, tls, "")) {
                List<String> order = new ArrayList<>(List.of(CLIENTS));
                for (int round = 0; round < JVMS; round++) {
                    for (String client : order) {
                        double[] run = child(classPath, client, nginx.url("1k.bin"), nginx.certificateFile());
                        runs.computeIfAbsent(client + "/" + scheme, k -> new ArrayList<>()).add(run);
                        System.out.printf(java.util.Locale.ROOT,
                                "[bench] cold_start %-9s %-5s %7.1f ms from main (set-up %6.1f), %6.1f ms from spawn, "
                                        + "%5.0f ms CPU, %5.0f classes, %3.0f threads%n",
                                client, scheme, run[0], run[6], run[1], run[4], run[2], run[3]);
                    }
                    Collections.reverse(order);
                }
            }
        }
        List<JsonOut> bigBody = SCHEMES.contains("http") && SCHEMES.contains("https")
                ? firstBigBody(outputDir, classPath, body) : new ArrayList<JsonOut>();
        List<JsonOut> results = new ArrayList<>();
        for (String scheme : SCHEMES) {
            for (String client : CLIENTS) {
                List<double[]> cells = runs.get(client + "/" + scheme);
                results.add(new JsonOut().put("client", client).put("scheme", scheme)
                        .put("first_body_ms_from_main", Stats.median(column(cells, 0)))
                        .put("first_body_ms_from_spawn", Stats.median(column(cells, 1)))
                        .put("trust_ms_from_main", Stats.median(column(cells, 5)))
                        .put("set_up_ms_from_main", Stats.median(column(cells, 6)))
                        .put("process_cpu_ms", Stats.median(column(cells, 4)))
                        .put("classes_loaded", Math.round(Stats.median(column(cells, 2))))
                        .put("threads_started", Math.round(Stats.median(column(cells, 3))))
                        .putNumbers("first_body_ms_from_main_runs", column(cells, 0)));
            }
        }
        List<JsonOut> ratios = new ArrayList<>();
        for (String scheme : SCHEMES) {
            double fetch = Stats.median(column(runs.get("gdx-fetch/" + scheme), 0));
            ratios.add(new JsonOut().put("scheme", scheme)
                    .put("gdx_fetch_vs_gdx_net", fetch / Stats.median(column(runs.get("gdx-net/" + scheme), 0)))
                    .put("gdx_fetch_vs_okhttp", fetch / Stats.median(column(runs.get("okhttp/" + scheme), 0)))
                    .put("process_cpu_gdx_fetch_vs_gdx_net", Stats.median(column(runs.get("gdx-fetch/" + scheme), 4))
                            / Stats.median(column(runs.get("gdx-net/" + scheme), 4))));
        }
        new JsonOut().put("results", results)
                .put("ratios_of_time_from_main", ratios)
                .put("target", "gdx-fetch no slower than gdx-net over http and over https (time from main)")
                .put("method", JVMS + " fresh JVMs per client and scheme, clients interleaved and their order reversed "
                        + "every round, each started from jars (the bench's class folders packed, as a shipped game has its "
                        + "classes); each JVM sends one GET of 1 KiB to nginx on loopback and stops when the body is in "
                        + "hand in the client's callback (gdx-fetch: in update() on the main thread, which sleeps until "
                        + "the manager's wake-up hook; gdx-net: libGDX's headless Net, no application; okhttp 4.12.0, "
                        + "default client). first_body_ms_from_main: from main's entry, the client's set-up included "
                        + "(for https, a TLS context trusting the bench's self-signed certificate, made the same way for "
                        + "every client); from_spawn: from ProcessBuilder.start() in the bench JVM to the child's line, so "
                        + "JVM start-up included; trust_ms_from_main: to the TLS context made (0 over http); "
                        + "set_up_ms_from_main: to the client made (FetchManager, HeadlessNet, OkHttpClient), the rest of "
                        + "the time being the first exchange; process_cpu_ms: the child's user plus system CPU time, all "
                        + "threads and JVM start-up included, from /proc/self/stat (10 ms resolution), which a loaded host "
                        + "disturbs less than the wall clock; classes_loaded and threads_started: read in the child after "
                        + "the timing")
                .put("first_big_body", bigBody)
                .put("first_big_body_method", BIG_JVMS + " fresh JVMs per variant, interleaved; each makes one 1 KiB GET "
                        + "(client warm and connected), then GETs a " + BIG_BYTES + "-byte ASCII body twice from nginx over "
                        + "loopback http: first_ms and second_ms, each to the body in hand (gdx-fetch: in its callback in "
                        + "update(); HttpURLConnection: on the calling thread), medians. http-url-connection-array reads "
                        + "into one array of the body's length, -streaming through a 64 KiB buffer keeping nothing, so "
                        + "their difference in first_ms is what one fresh body-sized array costs the first time")
                .put("java", System.getProperty("java.version"))
                .write(outputDir.resolve("cold_start.json"));
    }

    /** The first big body in fresh JVMs ({@link FirstBigBody}), one row per variant. */
    private static List<JsonOut> firstBigBody(Path outputDir, String classPath, byte[] small) throws Exception {
        byte[] big = new byte[BIG_BYTES];
        Random random = new Random(10);
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) ('a' + random.nextInt(26));
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("1k.bin", small);
        files.put("10m.txt", big);
        Map<String, List<double[]>> runs = new LinkedHashMap<>();
        try (Nginx nginx = Nginx.start(outputDir.resolve("nginx-cold-big"), files)) {
            List<String> order = new ArrayList<>(List.of(FirstBigBody.VARIANTS));
            for (int round = 0; round < BIG_JVMS; round++) {
                for (String variant : order) {
                    double[] run = bigChild(classPath, variant, nginx.url("1k.bin"), nginx.url("10m.txt"));
                    runs.computeIfAbsent(variant, k -> new ArrayList<>()).add(run);
                    System.out.printf(java.util.Locale.ROOT, "[bench] cold_start first big body %-30s first %7.1f ms,"
                            + " second %7.1f ms%n", variant, run[0], run[1]);
                }
                Collections.reverse(order);
            }
        }
        List<JsonOut> rows = new ArrayList<>();
        for (String variant : FirstBigBody.VARIANTS) {
            List<double[]> cells = runs.get(variant);
            rows.add(new JsonOut().put("variant", variant).put("body_bytes", BIG_BYTES)
                    .put("first_ms", Stats.median(column(cells, 0))).put("second_ms", Stats.median(column(cells, 1)))
                    .putNumbers("first_ms_runs", column(cells, 0)).putNumbers("second_ms_runs", column(cells, 1)));
        }
        return rows;
    }

    /** One {@link FirstBigBody} child: {ms for the first big body, ms for the second}. */
    private static double[] bigChild(String classPath, String variant, String small, String big)
            throws IOException, InterruptedException {
        Process process = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
                classPath, FirstBigBody.class.getName(), variant, small, big)
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int status = process.waitFor();
        for (String line : output.split("\n")) {
            if (line.startsWith("first-big ")) {
                String[] parts = line.trim().split(" ");
                return new double[] {Double.parseDouble(parts[1]), Double.parseDouble(parts[2])};
            }
        }
        throw new IOException(variant + ": child exited " + status + " without a result:\n" + output);
    }

    /**
     * One child JVM: {ms from main, ms from spawn, classes loaded, threads started, process CPU ms,
     * ms from main to the TLS context made, ms from main to the client made}.
     */
    private static double[] child(String classPath, String client, String url, Path certificate)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        if (!CHILD_OPTIONS.isEmpty()) {
            command.addAll(List.of(CHILD_OPTIONS.replace("{client}", client).split(" +")));
        }
        command.add("-cp");
        command.add(classPath);
        command.add(ColdStart.class.getName());
        command.add(client);
        command.add(url);
        if (certificate != null) {
            command.add(certificate.toString());
        }
        long spawned = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        double fromSpawn = (System.nanoTime() - spawned) / 1e6;
        int status = process.waitFor();
        for (String line : output.split("\n")) {
            if (line.startsWith("cold-start ")) {
                String[] parts = line.trim().split(" ");
                return new double[] {Double.parseDouble(parts[1]), fromSpawn, Double.parseDouble(parts[2]),
                        Double.parseDouble(parts[3]), Double.parseDouble(parts[4]), Double.parseDouble(parts[5]),
                        Double.parseDouble(parts[6])};
            }
        }
        throw new IOException(client + " " + url + ": child exited " + status + " without a result:\n" + output);
    }

    private static double[] column(List<double[]> cells, int index) {
        double[] values = new double[cells.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = cells.get(i)[index];
        }
        return values;
    }
}
