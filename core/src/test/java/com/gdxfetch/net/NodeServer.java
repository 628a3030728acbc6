package com.gdxfetch.net;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A test server from another project, written with an npm package ({@code src/test/node}), run
 * with Node as a child process on a free loopback port; {@link #close()} kills it. The packages
 * are installed at their locked versions ({@code npm ci}) the first time one is missing.
 */
final class NodeServer implements AutoCloseable {
    private static final File DIR = new File("src/test/node");
    /** The packages the scripts need; node_modules is ignored by git. */
    private static final String[] PACKAGES = {"ws", "better-sse"};

    private final Process process;
    final int port;

    /** Starts {@code script} with {@code args} and waits for the "PORT n" line it prints when ready. */
    NodeServer(String script, String... args) throws IOException {
        installOnce();
        List<String> command = new ArrayList<>(Arrays.asList("node", script));
        command.addAll(Arrays.asList(args));
        process = new ProcessBuilder(command).directory(DIR).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.startsWith("PORT ")) {
            process.destroyForcibly();
            throw new IOException(script + " did not report its port; it printed '" + line + "'");
        }
        port = Integer.parseInt(line.substring(5).trim());
    }

    private static synchronized void installOnce() throws IOException {
        boolean all = true;
        for (String name : PACKAGES) {
            all &= new File(DIR, "node_modules/" + name).isDirectory();
        }
        if (all) {
            return;
        }
        Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(DIR)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                npm.destroyForcibly();
                throw new IOException("'npm ci' in " + DIR.getAbsolutePath() + " failed; Node and npm are needed "
                        + "(.ci/run installs them)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted installing the test servers' npm packages", e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
