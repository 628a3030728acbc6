package com.gdxfetch.net;

import com.badlogic.gdx.files.FileHandle;
import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A separate JVM sending GETs through a manager with an HTTP cache, to its own loopback server,
 * for what one process cannot do to itself: be killed while storing entries, or run out of file
 * space while storing one.
 */
public final class HttpCacheChild {
    private HttpCacheChild() {
    }

    /**
     * {@code fill DIR}: stores entries until killed, printing {@code writing BASE_URL} after 20.
     * {@code full DIR}: stores a small entry, then fetches a large one over it and prints how it went.
     */
    public static void main(String[] args) throws Exception {
        AtomicInteger itemHits = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            byte[] body;
            if (path.startsWith("/n/")) {
                body = bodyOf(Integer.parseInt(path.substring(3)));
            } else {
                body = itemHits.getAndIncrement() == 0 ? "small".getBytes("UTF-8") : new byte[256 * 1024];
            }
            exchange.getResponseHeaders().add("Cache-Control", "max-age=3600");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        FetchManager fetch = new FetchManager(FetchConfig.builder()
                .httpCache(new FileHandle(new File(args[1])), Long.MAX_VALUE).build());
        if (args[0].equals("fill")) {
            for (int i = 0; ; i++) {
                run(fetch, fetch.get(base + "/n/" + i).send());
                if (i == 20) {
                    System.out.println("writing " + base);
                    System.out.flush();
                }
            }
        }
        run(fetch, fetch.get(base + "/item").send());
        FetchHandle<HttpResponse> large = fetch.get(base + "/item").cacheMode(CacheMode.FORCE_NETWORK).send();
        run(fetch, large);
        System.out.println("delivered " + large.result().body().length + " " + large.result().source());
        FetchHandle<HttpResponse> after = fetch.get(base + "/item").cacheMode(CacheMode.ONLY_IF_CACHED).send();
        run(fetch, after);
        System.out.println("then " + (after.failure() != null ? after.failure().kind() : "hit " + after.result().body().length));
        fetch.dispose();
        server.stop(0);
    }

    private static void run(FetchManager fetch, FetchHandle<?> handle) {
        while (!handle.isDone()) {
            fetch.update();
            LockSupport.parkNanos(200_000);
        }
    }

    /** A body whose bytes depend on {@code i} and whose length varies, so a mix-up shows. */
    static byte[] bodyOf(int i) {
        byte[] body = new byte[4096 + (i % 7) * 1000];
        for (int j = 0; j < body.length; j++) {
            body[j] = (byte) (i * 31 + j);
        }
        return body;
    }
}
