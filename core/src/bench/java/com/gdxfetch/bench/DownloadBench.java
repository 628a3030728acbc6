package com.gdxfetch.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Big files to disk ({@code downloads.json}): a 100 MiB file from nginx over loopback HTTP and
 * HTTPS (TLS 1.3, the bench's self-signed certificate trusted explicitly by every client), one at
 * a time and eight at once, written to files (in memory-backed /dev/shm unless told otherwise) by gdx-fetch's
 * {@code download()}, a streaming {@code HttpURLConnection}, OkHttp (Okio sink) and curl.
 *
 * <p>Each Java client runs in its own fresh JVM ({@link DownloadBenchClient}), so that its peak
 * resident memory is its own: the child makes its client idle and warm (one small request),
 * records the resident size, resets the kernel's high-water mark and then runs the cell twice;
 * {@code peak_rss_mib} is the high-water mark over both runs minus the idle size, and
 * {@code mb_per_s} the second run (the first is kept as {@code first_mb_per_s}). curl runs as
 * itself ({@code --parallel} for eight), timed by its own {@code time_total}; its
 * {@code peak_rss_mib} is the whole process's, from {@code /usr/bin/time}. Three rounds, clients
 * in reversed order every other round; the medians are reported. {@code gdx-fetch-whole-body}
 * (the {@code bytes()} decoder, then one write) runs once at c=1 as a control that the memory
 * figure sees a body held in the heap.
 */
final class DownloadBench implements BenchSuite {
    static final long SIZE = 100L << 20;
    private static final int ROUNDS = Integer.getInteger("bench.downloads.rounds", 3);
    /** {@code -Dbench.downloads.concurrency=8} runs the c=8 cells alone. */
    private static final int[] CONCURRENCY = ints(System.getProperty("bench.downloads.concurrency", "1,8"));
    /** {@code -Dbench.downloads.clients=gdx-fetch,okhttp} runs those clients alone (and no control). */
    private static final String[] CLIENTS = System.getProperty("bench.downloads.clients",
            "gdx-fetch,http-url-connection,okhttp,curl").split(",");
    /** {@code -Dbench.downloads.schemes=https} runs the https cells alone. */
    private static final String[] SCHEMES = System.getProperty("bench.downloads.schemes", "http,https").split(",");
    /**
     * JVM options for every Java child, space-separated, {@code {client}} replaced by the client and
     * concurrency ({@code -Dbench.downloads.childOptions=-Xlog:gc:file=gc-{client}-%p.log}), to profile a
     * cell; none by default.
     */
    private static final String CHILD_OPTIONS = System.getProperty("bench.downloads.childOptions", "").trim();
    /** Whole bodies in the heap: a control for the memory figures, run once, at c=1 only. */
    private static final String CONTROL = "gdx-fetch-whole-body";

    @Override
    public String name() {
        return "downloads";
    }

    @Override
    public void run(Path outputDir) throws Exception {
        Path dir = outputDir.resolve("downloads-work").toAbsolutePath();
        Path www = dir.resolve("www");
        Path out = destinationFolder(dir);
        Files.createDirectories(www);
        Files.createDirectories(out);
        writeRandom(www.resolve("big.bin"), SIZE);
        writeRandom(www.resolve("small.bin"), 1024);
        String curl = Packages.require("curl", "curl");
        String time = Packages.require("time", "time");
        List<Cell> cells = new ArrayList<>();
        for (String scheme : SCHEMES) {
            for (int c : CONCURRENCY) {
                for (String client : CLIENTS) {
                    cells.add(new Cell(client, scheme, c));
                }
                if (c == 1 && scheme.equals("http") && System.getProperty("bench.downloads.clients") == null) {
                    cells.add(new Cell(CONTROL, scheme, c));
                }
            }
        }
        try (Server nginx = Server.start(dir, www)) {
            for (int round = 0; round < ROUNDS; round++) {
                List<Cell> order = new ArrayList<>(cells);
                if (round % 2 == 1) {
                    java.util.Collections.reverse(order);
                }
                for (Cell cell : order) {
                    if (cell.client.equals(CONTROL) && round > 0) {
                        continue;
                    }
                    clean(out);
                    String big = nginx.url(cell.scheme, "big.bin");
                    String certificate = cell.scheme.equals("https") ? nginx.certificate.toString() : "-";
                    double[] r = cell.client.equals("curl")
                            ? runCurl(curl, time, big, certificate, out, cell.concurrency)
                            : runJava(cell.client, big, nginx.url(cell.scheme, "small.bin"), certificate, out,
                                    cell.concurrency);
                    cell.add(r[0], r[1], r[2]);
                    System.out.printf(Locale.ROOT, "[bench] downloads round %d %-20s %-5s c=%d %8.1f MB/s (first %8.1f)"
                            + " peak RSS +%6.1f MiB%n", round + 1, cell.client, cell.scheme, cell.concurrency, r[0], r[1],
                            r[2]);
                }
            }
        } finally {
            clean(out);
            Files.deleteIfExists(out);
            Files.deleteIfExists(www.resolve("big.bin"));
        }
        List<JsonOut> results = new ArrayList<>();
        List<JsonOut> targets = new ArrayList<>();
        for (Cell cell : cells) {
            results.add(new JsonOut().put("client", cell.client).put("scheme", cell.scheme)
                    .put("concurrency", cell.concurrency).put("size_bytes", SIZE)
                    .put("mb_per_s", Stats.median(cell.mbPerS())).put("peak_rss_mib", Stats.max(cell.rss()))
                    .put("first_mb_per_s", Stats.median(cell.first()))
                    .putNumbers("rounds_mb_per_s", cell.mbPerS()).putNumbers("rounds_peak_rss_mib", cell.rss()));
        }
        for (String scheme : SCHEMES) {
            for (int c : CONCURRENCY) {
                Cell fetch = find(cells, "gdx-fetch", scheme, c);
                Cell curlCell = find(cells, "curl", scheme, c);
                if (fetch == null || curlCell == null) {
                    continue;
                }
                double ratio = Stats.median(fetch.mbPerS()) / Stats.median(curlCell.mbPerS());
                double rss = Stats.max(fetch.rss());
                targets.add(new JsonOut().put("scheme", scheme).put("concurrency", c).put("gdx_fetch_over_curl", ratio)
                        .put("target_ratio", 0.9).put("ratio_met", ratio >= 0.9)
                        .put("gdx_fetch_peak_rss_mib", rss).put("target_peak_rss_mib", 64).put("rss_met", rss <= 64));
            }
        }
        List<JsonOut> tlsCost = new ArrayList<>();
        for (String client : CLIENTS) {
            for (int c : CONCURRENCY) {
                Cell https = find(cells, client, "https", c);
                Cell http = find(cells, client, "http", c);
                if (https == null || http == null) {
                    continue;
                }
                tlsCost.add(new JsonOut().put("client", client).put("concurrency", c)
                        .put("https_over_http", Stats.median(https.mbPerS()) / Stats.median(http.mbPerS())));
            }
        }
        new JsonOut()
                .put("file", "100 MiB from nginx over loopback HTTP and HTTPS (TLS 1.3, ECDSA P-256, the bench's "
                        + "self-signed certificate trusted explicitly); MB = 10^6 bytes")
                .put("destination_folder", out.toString())
                .put("java_tls", BenchTrust.PROVIDER)
                .put("peak_rss", "Java clients: the child JVM's high-water mark over the cell's two runs minus its "
                        + "resident size when idle and warm; curl: the whole process's peak")
                .put("results", results)
                .put("targets", targets)
                .put("tls_cost", tlsCost)
                .write(outputDir.resolve(name() + ".json"));
    }

    /**
     * Where the files are written: {@code -Dbench.downloads.dir} when given, else a folder in
     * /dev/shm (memory-backed, so the figures are the clients' and not this machine's virtual disk,
     * whose write speed drifts with its neighbours), else beside the build.
     */
    private static Path destinationFolder(Path dir) throws IOException {
        String chosen = System.getProperty("bench.downloads.dir");
        Path base = chosen != null ? Paths.get(chosen) : Files.isDirectory(Paths.get("/dev/shm"))
                ? Paths.get("/dev/shm") : dir;
        Path out = base.resolve("gdx-fetch-bench-downloads-" + ProcessHandle.current().pid()).toAbsolutePath();
        Files.createDirectories(out);
        return out;
    }

    /** The cell, or null when the selected clients, schemes or concurrencies left it out. */
    private static Cell find(List<Cell> cells, String client, String scheme, int c) {
        for (Cell cell : cells) {
            if (cell.client.equals(client) && cell.scheme.equals(scheme) && cell.concurrency == c) {
                return cell;
            }
        }
        return null;
    }

    private static int[] ints(String list) {
        String[] parts = list.split(",");
        int[] values = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            values[i] = Integer.parseInt(parts[i].trim());
        }
        return values;
    }

    /** Runs {@link DownloadBenchClient} in a fresh JVM: {MB/s of the second run, of the first, RSS growth MiB}. */
    private static double[] runJava(String client, String big, String small, String certificate, Path out,
            int concurrency) throws IOException, InterruptedException {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        List<String> command = new ArrayList<>();
        command.add(java);
        command.add("-Dbench.tls.provider=" + BenchTrust.PROVIDER);
        if (!CHILD_OPTIONS.isEmpty()) {
            command.addAll(Arrays.asList(CHILD_OPTIONS.replace("{client}", client + "-" + concurrency).split(" +")));
        }
        command.addAll(Arrays.asList("-cp", System.getProperty("java.class.path"),
                DownloadBenchClient.class.getName(), client, big, small, out.toString(), Integer.toString(concurrency),
                certificate));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String result = null;
        StringBuilder all = new StringBuilder();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                all.append(line).append('\n');
                if (line.startsWith("result ")) {
                    result = line;
                }
            }
        }
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0 || result == null) {
            throw new IOException(client + " c=" + concurrency + " failed:\n" + all);
        }
        String[] f = result.split(" ");
        return new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3]) / (1 << 20)};
    }

    /**
     * curl, each transfer timed by curl itself: {MB/s, the same, peak RSS MiB of the process}; over
     * https trusting {@code certificate} (a PEM file) only.
     */
    private static double[] runCurl(String curl, String time, String big, String certificate, Path out,
            int concurrency) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(Arrays.asList(time, "-f", "maxrss %M", curl, "-s", "-S",
                "-w", "total %{time_total} %{size_download}\\n"));
        if (!certificate.equals("-")) {
            command.addAll(Arrays.asList("--cacert", certificate));
        }
        if (concurrency > 1) {
            command.addAll(Arrays.asList("--parallel", "--parallel-immediate", "--parallel-max",
                    Integer.toString(concurrency)));
        }
        for (int i = 0; i < concurrency; i++) {
            command.addAll(Arrays.asList("-o", out.resolve("curl-" + i + ".bin").toString(), big));
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("curl failed: " + output);
        }
        double slowest = 0;
        long bytes = 0;
        double rssKiB = -1;
        for (String line : output.split("\n")) {
            String[] f = line.trim().split(" ");
            if (f[0].equals("total")) {
                slowest = Math.max(slowest, Double.parseDouble(f[1]));
                bytes += Long.parseLong(f[2]);
            } else if (f[0].equals("maxrss")) {
                rssKiB = Double.parseDouble(f[1]);
            }
        }
        if (bytes != SIZE * concurrency || rssKiB < 0) {
            throw new IOException("curl downloaded " + bytes + " bytes of " + SIZE * concurrency + ": " + output);
        }
        double mbPerS = bytes / slowest / 1e6;
        return new double[] {mbPerS, mbPerS, rssKiB / 1024};
    }

    private static void clean(Path out) throws IOException {
        File[] files = out.toFile().listFiles();
        if (files != null) {
            for (File f : files) {
                Files.delete(f.toPath());
            }
        }
    }

    private static void writeRandom(Path file, long size) throws IOException {
        if (Files.isRegularFile(file) && Files.size(file) == size) {
            return;
        }
        byte[] block = new byte[1 << 20];
        Random random = new Random(31);
        try (OutputStream o = Files.newOutputStream(file)) {
            for (long at = 0; at < size; at += block.length) {
                random.nextBytes(block);
                o.write(block, 0, (int) Math.min(block.length, size - at));
            }
        }
    }

    /** One client at one concurrency, over the rounds. */
    private static final class Cell {
        final String client;
        final String scheme;
        final int concurrency;
        private final List<double[]> runs = new ArrayList<>();

        Cell(String client, String scheme, int concurrency) {
            this.client = client;
            this.scheme = scheme;
            this.concurrency = concurrency;
        }

        void add(double mbPerS, double first, double rss) {
            runs.add(new double[] {mbPerS, first, rss});
        }

        double[] mbPerS() {
            return column(0);
        }

        double[] first() {
            return column(1);
        }

        double[] rss() {
            return column(2);
        }

        private double[] column(int i) {
            double[] values = new double[runs.size()];
            for (int r = 0; r < values.length; r++) {
                values[r] = runs.get(r)[i];
            }
            return values;
        }
    }

    /**
     * nginx serving big files the way a download host does (sendfile, one worker, loopback),
     * with its own configuration under {@code dir}; the throughput suite's server is tuned for
     * small bodies and stays its own.
     */
    private static final class Server implements AutoCloseable {
        private final Process process;
        private final int port;
        private final int tlsPort;
        final Path certificate;

        private Server(Process process, int port, int tlsPort, Path certificate) {
            this.process = process;
            this.port = port;
            this.tlsPort = tlsPort;
            this.certificate = certificate;
        }

        static Server start(Path dir, Path www) throws IOException, InterruptedException {
            String nginx = Packages.require("nginx", "nginx-light");
            Files.createDirectories(dir.resolve("logs"));
            int port = freePort();
            int tlsPort = freePort();
            Path certificate = Nginx.selfSignedCertificate(dir);
            boolean root = "root".equals(System.getProperty("user.name"));
            String config = (root ? "user root;\n" : "")
                    + "worker_processes 1;\n"
                    + "pid " + dir.resolve("nginx.pid") + ";\n"
                    + "error_log " + dir.resolve("logs/error.log") + " warn;\n"
                    + "events { worker_connections 1024; }\n"
                    + "http {\n"
                    + "  access_log off;\n"
                    + "  sendfile on;\n"
                    + "  tcp_nopush on;\n"
                    + "  keepalive_timeout 120s;\n"
                    + "  default_type application/octet-stream;\n"
                    + "  client_body_temp_path " + dir.resolve("tmp-body") + ";\n"
                    + "  proxy_temp_path " + dir.resolve("tmp-proxy") + ";\n"
                    + "  fastcgi_temp_path " + dir.resolve("tmp-fastcgi") + ";\n"
                    + "  uwsgi_temp_path " + dir.resolve("tmp-uwsgi") + ";\n"
                    + "  scgi_temp_path " + dir.resolve("tmp-scgi") + ";\n"
                    + "  server {\n"
                    + "    listen 127.0.0.1:" + port + ";\n"
                    + "    root " + www + ";\n"
                    + "    location / { }\n"
                    + "  }\n"
                    + "  server {\n"
                    + "    listen 127.0.0.1:" + tlsPort + " ssl;\n"
                    + "    ssl_certificate " + certificate + ";\n"
                    + "    ssl_certificate_key " + dir.resolve("key.pem") + ";\n"
                    + "    ssl_protocols TLSv1.3;\n"
                    + "    root " + www + ";\n"
                    + "    location / { }\n"
                    + "  }\n"
                    + "}\n";
            Path conf = dir.resolve("nginx.conf");
            Files.write(conf, config.getBytes(StandardCharsets.UTF_8));
            Process process = new ProcessBuilder(nginx, "-p", dir.toString(), "-c", conf.toString(), "-g", "daemon off;")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("logs/console.log").toFile()).start();
            Server server = new Server(process, port, tlsPort, certificate);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (true) {
                if (!process.isAlive()) {
                    throw new IOException("nginx exited with " + process.exitValue() + "; see " + dir.resolve("logs"));
                }
                try (Socket probe = new Socket()) {
                    probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1_000);
                    return server;
                } catch (IOException notYet) {
                    if (System.nanoTime() > deadline) {
                        server.close();
                        throw new IOException("nginx did not listen on 127.0.0.1:" + port + " within 10 s");
                    }
                    Thread.sleep(20);
                }
            }
        }

        String url(String scheme, String file) {
            return scheme + "://127.0.0.1:" + (scheme.equals("https") ? tlsPort : port) + "/" + file;
        }

        private static int freePort() throws IOException {
            try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                return probe.getLocalPort();
            }
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }
}
