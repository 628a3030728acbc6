package com.gdxfetch.example;

import java.nio.file.Path;

/**
 * The command line, parsed and checked.
 *
 * @param serverUrl the server to use ({@code --server URL}), or null to start the embedded one
 * @param servePort with {@code --serve PORT}, run only the server on that port; else -1
 * @param frames exit after this many frames ({@code --frames N}), or -1 to run until closed
 * @param screenshot where to write the last frame as a PNG ({@code --screenshot FILE}), or null
 * @param autoplay whether a bot plays a short round ({@code --autoplay})
 * @param dataDir the game's local storage: scores, bindings, cached sheets ({@code --data DIR})
 * @param playerName the name scores are submitted under ({@code --name NAME})
 * @param showBoard whether the title opens the leaderboard at once ({@code --board})
 * @param web with {@code --web}, run only the game server and print the URL of the web build it
 *     serves (on {@code --serve PORT} if given, else on a free port)
 */
public record LaunchOptions(String serverUrl, int servePort, int frames, Path screenshot, boolean autoplay,
        Path dataDir, String playerName, boolean showBoard, boolean web) {

    /** Printed for {@code --help} and after a bad argument. */
    public static final String USAGE = String.join("\n",
            "usage: java -jar gdx-fetch-example.jar [options]",
            "  --server URL       use the game server at URL instead of starting one in-process",
            "  --serve PORT       run only the game server on 127.0.0.1:PORT (for several game instances)",
            "  --web              run only the game server and print the URL of the game's web build",
            "  --data DIR         local storage for scores, key bindings and the sheet cache",
            "                     (default: ~/.gdx-fetch-example)",
            "  --name NAME        the name your scores are submitted under (default: PLAYER)",
            "  --autoplay         a bot plays a short round and the game goes on to the leaderboard",
            "  --board            open the leaderboard from the title at once, without playing",
            "  --frames N         exit after N frames",
            "  --screenshot FILE  write the last frame to FILE as a PNG",
            "  --help             show this");

    /**
     * Parses {@code args}.
     *
     * @throws IllegalArgumentException naming the argument that was wrong
     */
    public static LaunchOptions parse(String... args) {
        String server = null;
        int serve = -1;
        int frames = -1;
        Path screenshot = null;
        boolean autoplay = false;
        Path data = Path.of(System.getProperty("user.home"), ".gdx-fetch-example");
        String name = null;
        boolean board = false;
        boolean web = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--server" -> server = url(value(args, ++i, arg));
                case "--serve" -> serve = number(value(args, ++i, arg), arg, 0, 65535);
                case "--frames" -> frames = number(value(args, ++i, arg), arg, 1, Integer.MAX_VALUE);
                case "--screenshot" -> screenshot = Path.of(value(args, ++i, arg));
                case "--autoplay" -> autoplay = true;
                case "--web" -> web = true;
                case "--data" -> data = Path.of(value(args, ++i, arg));
                case "--name" -> name = value(args, ++i, arg);
                case "--board" -> board = true;
                default -> throw new IllegalArgumentException("unknown argument '" + arg + "'");
            }
        }
        if (server != null && serve >= 0) {
            throw new IllegalArgumentException("--server and --serve exclude each other");
        }
        if (server != null && web) {
            throw new IllegalArgumentException("--server and --web exclude each other");
        }
        if (name == null) {
            name = autoplay ? "BOT" : "PLAYER";
        }
        if (name.isBlank() || name.length() > 16) {
            throw new IllegalArgumentException("--name must be 1 to 16 characters, was '" + name + "'");
        }
        return new LaunchOptions(server, serve, frames, screenshot, autoplay, data, name.strip(), board, web);
    }

    private static String value(String[] args, int index, String flag) {
        if (index >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[index];
    }

    private static int number(String text, String flag, int min, int max) {
        try {
            int n = Integer.parseInt(text);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below with the range
        }
        throw new IllegalArgumentException(flag + " must be a whole number from " + min + " to " + max
                + ", was '" + text + "'");
    }

    private static String url(String text) {
        if (!text.startsWith("http://") && !text.startsWith("https://")) {
            throw new IllegalArgumentException("--server must be an http:// or https:// URL, was '" + text + "'");
        }
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }
}
