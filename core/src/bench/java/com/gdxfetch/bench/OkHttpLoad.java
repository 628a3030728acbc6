package com.gdxfetch.bench;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509TrustManager;

/** OkHttp with its dispatcher and connection pool sized to the concurrency; callbacks on its threads. */
final class OkHttpLoad implements LoadClient {
    private final OkHttpClient client;

    OkHttpLoad(int concurrency) {
        this(concurrency, null);
    }

    /** As {@link #OkHttpLoad(int)}, trusting what {@code trust} trusts over https (null: the JVM's default). */
    OkHttpLoad(int concurrency, SSLContext trust) {
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(Math.max(concurrency, 64));
        dispatcher.setMaxRequestsPerHost(concurrency);
        OkHttpClient.Builder builder = new OkHttpClient.Builder().dispatcher(dispatcher)
                .connectionPool(new ConnectionPool(Math.max(concurrency, 5), 5, TimeUnit.MINUTES));
        if (trust != null) {
            builder.sslSocketFactory(trust.getSocketFactory(), trustManager(trust));
        }
        client = builder.build();
    }

    /** The X509TrustManager behind {@code trust}, which OkHttp wants beside the socket factory. */
    static X509TrustManager trustManager(SSLContext trust) {
        return BenchTrust.trustManager(trust);
    }

    @Override
    public int run(String url, int total, int concurrency, int bodyBytes) throws Exception {
        ClosedLoop loop = new ClosedLoop(total, bodyBytes);
        Request request = new Request.Builder().url(url).build();
        for (int i = 0; i < concurrency && loop.claim(); i++) {
            send(request, loop);
        }
        loop.await();
        return loop.errors();
    }

    private void send(Request request, ClosedLoop loop) {
        client.newCall(request).enqueue(new Callback() {
            @Override
            public void onResponse(Call call, Response response) throws IOException {
                int length;
                try (ResponseBody body = response.body()) {
                    length = body.bytes().length;
                }
                if (loop.completed(response.code(), length) && loop.claim()) {
                    send(request, loop);
                }
            }

            @Override
            public void onFailure(Call call, IOException e) {
                if (loop.errored(e) && loop.claim()) {
                    send(request, loop);
                }
            }
        });
    }

    @Override
    public void close() {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }
}
