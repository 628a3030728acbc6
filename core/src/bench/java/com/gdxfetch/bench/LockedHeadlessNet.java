package com.gdxfetch.bench;

import com.badlogic.gdx.backends.headless.HeadlessApplicationConfiguration;
import com.badlogic.gdx.backends.headless.HeadlessNet;
import com.gdxfetch.net.internal.NetJavaImplMonitor;

/**
 * libGDX's headless {@code Gdx.net}, each send and cancel made under the monitor its pool threads
 * hold to remove finished requests, as gdx-fetch's own Gdx.net transport does (see
 * {@link NetJavaImplMonitor}). Unguarded, libGDX 1.14.2's {@code tasks} map was corrupted in our
 * runs (a pool thread left looping in {@code ObjectMap.remove}, a closed loop left unanswered), which
 * voided the run. A game can take the same monitor only by reflection; the lock is part of what the
 * {@code gdx-net} figures measure, and costs little (the send under it opens no socket).
 */
final class LockedHeadlessNet extends HeadlessNet {
    private final Object monitor = NetJavaImplMonitor.of(this);

    LockedHeadlessNet() {
        super(new HeadlessApplicationConfiguration());
    }

    @Override
    public void sendHttpRequest(HttpRequest httpRequest, HttpResponseListener httpResponseListener) {
        synchronized (monitor) {
            super.sendHttpRequest(httpRequest, httpResponseListener);
        }
    }

    @Override
    public void cancelHttpRequest(HttpRequest httpRequest) {
        synchronized (monitor) {
            super.cancelHttpRequest(httpRequest);
        }
    }
}
