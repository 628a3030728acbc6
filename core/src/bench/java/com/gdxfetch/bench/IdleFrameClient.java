package com.gdxfetch.bench;

/** A game loop with no networking at all: the machine's own frame-time noise, for scale. */
final class IdleFrameClient extends FrameClient {
    @Override
    String name() {
        return FrameBench.NO_NETWORK;
    }

    @Override
    boolean fetches() {
        return false;
    }

    @Override
    void frame(String url, int newRequests) {
    }

    @Override
    public void close() {
    }
}
