package com.gdxfetch.bench;

import com.badlogic.gdx.Net;
import com.badlogic.gdx.utils.Array;
import com.badlogic.gdx.utils.Json;

/**
 * What most libGDX games write today: {@code Gdx.net.sendHttpRequest}, the body read as a string
 * on Gdx.net's thread, handed to the render thread with a {@code postRunnable}-style queue that
 * the loop drains completely at the start of each frame (as the desktop backends do), and the JSON
 * parsed there.
 */
final class GdxNetFrameClient extends FrameClient {
    private final LockedHeadlessNet net = new LockedHeadlessNet();
    private final Json json = new Json();
    private final Array<Runnable> posted = new Array<>();
    private final Array<Runnable> running = new Array<>();

    GdxNetFrameClient() {
        json.setIgnoreUnknownFields(true);
    }

    @Override
    String name() {
        return "gdx-net";
    }

    @Override
    void frame(String url, int newRequests) {
        synchronized (posted) {
            running.addAll(posted);
            posted.clear();
        }
        for (int i = 0; i < running.size; i++) {
            running.get(i).run();
        }
        running.clear();
        for (int i = 0; i < newRequests; i++) {
            Net.HttpRequest request = new Net.HttpRequest(Net.HttpMethods.GET);
            request.setUrl(url);
            net.sendHttpRequest(request, new Net.HttpResponseListener() {
                @Override
                public void handleHttpResponse(Net.HttpResponse response) {
                    String text = response.getResultAsString();
                    postRunnable(() -> {
                        parsedOne(json.fromJson(Leaderboard.class, text));
                    });
                }

                @Override
                public void failed(Throwable t) {
                    failedOne(t);
                }

                @Override
                public void cancelled() {
                    failedOne("cancelled");
                }
            });
        }
    }

    private void postRunnable(Runnable runnable) {
        synchronized (posted) {
            posted.add(runnable);
        }
    }

    @Override
    public void close() {
        // HeadlessNet has no dispose; its pool's idle threads end on their own.
    }
}
