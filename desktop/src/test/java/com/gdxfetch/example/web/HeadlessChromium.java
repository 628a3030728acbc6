package com.gdxfetch.example.web;

import com.badlogic.gdx.utils.JsonReader;
import com.badlogic.gdx.utils.JsonValue;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The system's Chromium ({@code chromium}, Debian package of that name) started headless and driven
 * over its DevTools protocol: one page, JavaScript evaluated in it (awaiting promises), and
 * screenshots. WebGL draws through SwiftShader, so a canvas has real pixels without a GPU.
 */
final class HeadlessChromium implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");

    private final Process process;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonValue>> pending = new ConcurrentHashMap<>();
    private String session;
    private volatile CompletableFuture<JsonValue> loadEvent;

    private HeadlessChromium(Process process, String wsUrl) throws InterruptedException, ExecutionException {
        this.process = process;
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(wsUrl), new Receiver()).get();
    }

    /** Starts Chromium with its profile in {@code profileDir}, waiting at most {@code seconds} for DevTools. */
    static HeadlessChromium start(Path profileDir, int seconds) throws Exception {
        Process process = new ProcessBuilder("chromium", "--headless", "--no-sandbox", "--no-first-run",
                "--disable-gpu-sandbox", "--disable-dev-shm-usage", "--enable-unsafe-swiftshader",
                "--use-angle=swiftshader", "--remote-debugging-port=0", "--remote-allow-origins=*",
                "--window-size=1000,1000", "--user-data-dir=" + profileDir.toAbsolutePath(), "about:blank")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        CompletableFuture<String> wsUrl = new CompletableFuture<>();
        List<String> early = new ArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = err.readLine()) != null) {
                    synchronized (early) {
                        if (early.size() < 200) {
                            early.add(line);
                        }
                    }
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        wsUrl.complete(m.group(1));
                    }
                }
            } catch (IOException ignored) {
                // the process ended; the future below reports it
            }
            wsUrl.completeExceptionally(new IOException("chromium exited with " + exitOf(process)));
        }, "chromium-stderr");
        reader.setDaemon(true);
        reader.start();
        String url;
        try {
            url = wsUrl.get(seconds, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            synchronized (early) {
                throw new IOException("chromium did not open DevTools: " + String.join("\n", early), e);
            }
        }
        return new HeadlessChromium(process, url);
    }

    private static String exitOf(Process process) {
        try {
            return Integer.toString(process.waitFor());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }

    /** Opens {@code url} in a new page that later calls talk to, returning once it has loaded. */
    void open(String url, int seconds) throws Exception {
        JsonValue target = call(null, "Target.createTarget", "{\"url\":\"about:blank\"}", seconds);
        JsonValue attached = call(null, "Target.attachToTarget",
                "{\"targetId\":" + quote(target.getString("targetId")) + ",\"flatten\":true}", seconds);
        session = attached.getString("sessionId");
        call(session, "Page.enable", "{}", seconds);
        CompletableFuture<JsonValue> loaded = new CompletableFuture<>();
        loadEvent = loaded;
        JsonValue navigated = call(session, "Page.navigate", "{\"url\":" + quote(url) + "}", seconds);
        if (navigated.has("errorText")) {
            throw new AssertionError("chromium could not open " + url + ": " + navigated.getString("errorText"));
        }
        try {
            loaded.get(seconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError(url + " did not finish loading in " + seconds + " s", e);
        }
    }

    /**
     * Evaluates {@code expression} in the page, awaiting it when it is a promise, and returns its
     * value as a string.
     *
     * @throws AssertionError if the page threw
     */
    String eval(String expression, int seconds) throws Exception {
        JsonValue result = call(session, "Runtime.evaluate", "{\"expression\":" + quote(expression)
                + ",\"awaitPromise\":true,\"returnByValue\":true}", seconds);
        if (result.has("exceptionDetails")) {
            throw new AssertionError("the page threw: " + result.get("exceptionDetails"));
        }
        JsonValue value = result.get("result").get("value");
        return value == null ? null : value.asString();
    }

    /** The first element {@code selector} matches, as a PNG of its box on the page. */
    byte[] screenshot(String selector, int seconds) throws Exception {
        String box = eval("(function() { var r = document.querySelector(" + quote(selector) + ").getBoundingClientRect();"
                + " return JSON.stringify({x: r.left + window.scrollX, y: r.top + window.scrollY,"
                + " width: r.width, height: r.height, scale: 1}); })()", seconds);
        JsonValue shot = call(session, "Page.captureScreenshot", "{\"format\":\"png\",\"captureBeyondViewport\":true,"
                + "\"clip\":" + box + "}", seconds);
        return Base64.getDecoder().decode(shot.getString("data"));
    }

    /**
     * Presses and releases a key as the keyboard would, through the page's input pipeline (the
     * page's own key listeners see trusted keydown and keyup events).
     */
    void pressKey(String key, int keyCode, int seconds) throws Exception {
        for (String type : new String[] {"rawKeyDown", "keyUp"}) {
            call(session, "Input.dispatchKeyEvent", "{\"type\":\"" + type + "\",\"key\":" + quote(key)
                    + ",\"code\":" + quote(key) + ",\"windowsVirtualKeyCode\":" + keyCode
                    + ",\"nativeVirtualKeyCode\":" + keyCode + "}", seconds);
        }
    }

    /** Switches the page's network off (as a browser without a connection: {@code navigator.onLine} false) or back on. */
    void offline(boolean offline, int seconds) throws Exception {
        call(session, "Network.enable", "{}", seconds);
        call(session, "Network.emulateNetworkConditions", "{\"offline\":" + offline
                + ",\"latency\":0,\"downloadThroughput\":-1,\"uploadThroughput\":-1}", seconds);
    }

    private JsonValue call(String sessionId, String method, String params, int seconds) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonValue> answer = new CompletableFuture<>();
        pending.put(id, answer);
        String message = "{\"id\":" + id + ",\"method\":" + quote(method) + ",\"params\":" + params
                + (sessionId != null ? ",\"sessionId\":" + quote(sessionId) : "") + "}";
        socket.sendText(message, true).get(seconds, TimeUnit.SECONDS);
        JsonValue reply;
        try {
            reply = answer.get(seconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError(method + " got no answer from chromium in " + seconds + " s", e);
        } finally {
            pending.remove(id);
        }
        if (reply.has("error")) {
            throw new AssertionError(method + " failed: " + reply.get("error"));
        }
        return reply.get("result");
    }

    /** {@code text} as a JSON string literal. */
    private static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    @Override
    public void close() {
        try {
            socket.sendText("{\"id\":0,\"method\":\"Browser.close\"}", true).get(5, TimeUnit.SECONDS);
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (Exception closing) {
            // killed below
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    /** Collects each text message (it may come in parts) and completes the call it answers. */
    private final class Receiver implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                JsonValue message = new JsonReader().parse(text.toString());
                text.setLength(0);
                JsonValue id = message.get("id");
                CompletableFuture<JsonValue> waiting = id == null ? null : pending.get(id.asInt());
                if (waiting != null) {
                    waiting.complete(message);
                }
                CompletableFuture<JsonValue> load = loadEvent;
                if (load != null && message.has("method") && "Page.loadEventFired".equals(message.getString("method"))) {
                    load.complete(message);
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            for (CompletableFuture<JsonValue> waiting : pending.values()) {
                waiting.completeExceptionally(error);
            }
        }
    }
}
