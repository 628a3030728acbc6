package com.gdxfetch.bench;

import com.badlogic.gdx.Net;

/** libGDX's {@code Gdx.net} (the headless backend's NetJavaImpl) used directly; callbacks on its threads. */
final class GdxNetLoad implements LoadClient {
    private final LockedHeadlessNet net = new LockedHeadlessNet();

    @Override
    public int run(String url, int total, int concurrency, int bodyBytes) throws Exception {
        ClosedLoop loop = new ClosedLoop(total, bodyBytes);
        for (int i = 0; i < concurrency && loop.claim(); i++) {
            send(url, loop);
        }
        loop.await();
        return loop.errors();
    }

    private void send(String url, ClosedLoop loop) {
        Net.HttpRequest request = new Net.HttpRequest(Net.HttpMethods.GET);
        request.setUrl(url);
        net.sendHttpRequest(request, new Net.HttpResponseListener() {
            @Override
            public void handleHttpResponse(Net.HttpResponse response) {
                byte[] body = response.getResult();
                if (loop.completed(response.getStatus().getStatusCode(), body.length) && loop.claim()) {
                    send(url, loop);
                }
            }

            @Override
            public void failed(Throwable t) {
                if (loop.errored(t) && loop.claim()) {
                    send(url, loop);
                }
            }

            @Override
            public void cancelled() {
                loop.fail(new IllegalStateException("cancelled"));
            }
        });
    }

    @Override
    public void close() {
        // HeadlessNet has no dispose; its idle pool threads end on their own.
    }
}
