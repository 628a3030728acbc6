package com.gdxfetch.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The JDK's java.net.http.HttpClient, HTTP/1.1, asynchronous sends; completions on its executor. */
final class JdkHttpLoad implements LoadClient {
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Override
    public int run(String url, int total, int concurrency, int bodyBytes) throws Exception {
        ClosedLoop loop = new ClosedLoop(total, bodyBytes);
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).GET().build();
        for (int i = 0; i < concurrency && loop.claim(); i++) {
            send(request, loop);
        }
        loop.await();
        return loop.errors();
    }

    private void send(HttpRequest request, ClosedLoop loop) {
        client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).whenComplete((response, error) -> {
            if (error != null) {
                if (loop.errored(error) && loop.claim()) {
                    send(request, loop);
                }
            } else if (loop.completed(response.statusCode(), response.body().length) && loop.claim()) {
                send(request, loop);
            }
        });
    }

    @Override
    public void close() {
        // JDK 17's HttpClient has no close(); its selector thread ends once the client is unreachable.
    }
}
