package com.gdxfetch.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The wrk load generator (C, epoll), run for a fixed duration as the ceiling on this machine. */
final class Wrk {
    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");

    private final String binary;

    Wrk() throws IOException, InterruptedException {
        binary = Packages.require("wrk", "wrk");
    }

    /** wrk's own threads for {@code concurrency} connections: one per connection up to two (the core count). */
    static int threads(int concurrency) {
        return Math.min(2, concurrency);
    }

    /** Requests per second over {@code seconds} with {@code concurrency} keep-alive connections. */
    double run(String url, int concurrency, int seconds) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(binary, "-t" + threads(concurrency), "-c" + concurrency,
                "-d" + seconds + "s", url).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int status = process.waitFor();
        Matcher rate = RATE.matcher(output);
        if (status != 0 || !rate.find() || output.contains("Non-2xx") || output.contains("Socket errors")) {
            throw new IOException("wrk failed (exit " + status + "):\n" + output);
        }
        return Double.parseDouble(rate.group(1));
    }
}
