package com.gdxfetch.example;

import com.badlogic.gdx.backends.lwjgl3.Lwjgl3Application;
import com.badlogic.gdx.backends.lwjgl3.Lwjgl3ApplicationConfiguration;
import com.gdxfetch.example.harness.PriorityRelaunch;
import com.gdxfetch.example.server.DemoServer;
import java.io.IOException;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;

/**
 * Starts the example game in a desktop window, with its server in-process unless
 * {@code --server} names another; or, with {@code --serve PORT}, only the server. On Linux the
 * game runs in a child JVM that applies thread priorities (see {@link PriorityRelaunch}).
 *
 * <p>The launcher is the one place that wires the demo server, the harness and the game together;
 * the game itself ({@link FetchGame}, its scenes and its online client) knows the server only by
 * URL. Main thread.
 */
public final class DesktopLauncher {
    private DesktopLauncher() {
    }

    /** Entry point; see {@link LaunchOptions#USAGE} for the flags. */
    public static void main(String[] args) throws IOException, InterruptedException {
        LaunchOptions options;
        try {
            options = LaunchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            boolean help = args.length == 1 && args[0].equals("--help");
            if (!help) {
                System.err.println(e.getMessage());
            }
            System.err.println(LaunchOptions.USAGE);
            System.exit(help ? 0 : 2);
            return;
        }
        if (options.servePort() >= 0 || options.web()) {
            serveOnly(options);
            return;
        }
        OptionalInt childExit = PriorityRelaunch.runInChildIfNeeded(DesktopLauncher.class, args);
        if (childExit.isPresent()) {
            System.exit(childExit.getAsInt());
            return;
        }
        DemoServer embedded = options.serverUrl() == null ? DemoServer.startEmbedded(options.dataDir()) : null;
        String serverUrl = embedded != null ? embedded.url() : options.serverUrl();
        try {
            new Lwjgl3Application(new FetchGame(options, serverUrl), configuration());
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    /** The window every launch of the game opens; tests that run the game in-process use it too. */
    static Lwjgl3ApplicationConfiguration configuration() {
        Lwjgl3ApplicationConfiguration config = new Lwjgl3ApplicationConfiguration();
        config.setTitle("Night Shift - a gdx-fetch example");
        config.setWindowedMode(FetchGame.WIDTH, FetchGame.HEIGHT);
        config.setResizable(true);
        config.useVsync(true);
        // Vsync may not throttle on every driver (a virtual display, for one); this keeps frames even.
        config.setForegroundFPS(60);
        return config;
    }

    private static void serveOnly(LaunchOptions options) throws IOException, InterruptedException {
        DemoServer server = DemoServer.start(Math.max(options.servePort(), 0), options.dataDir());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }));
        System.out.println("Night Shift server on " + server.url() + ", scores in "
                + options.dataDir().resolve("scores.json").toAbsolutePath() + " (Ctrl+C stops it)");
        System.out.println("Start games against it with: --server " + server.url());
        if (options.web()) {
            System.out.println(DemoServer.hasWebBuild() ? "The web build: open " + server.webUrl()
                    : "This jar has no web build (it was built with -Dgwt.skip=true)");
        }
        stopped.await();
    }
}
