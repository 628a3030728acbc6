package com.gdxfetch.bench;

import com.badlogic.gdx.backends.headless.HeadlessApplicationConfiguration;
import com.badlogic.gdx.backends.headless.HeadlessNet;
import com.badlogic.gdx.net.NetJavaImpl;
import java.lang.reflect.Field;

/**
 * libGDX's headless {@code Gdx.net}, with each send and cancel made while holding its {@code NetJavaImpl}'s
 * monitor. In libGDX 1.14.2 {@code sendHttpRequest} puts into its {@code tasks} map outside that
 * monitor, under which the pool threads remove from the map; unguarded, the map was corrupted in
 * our runs (a pool thread left looping in {@code ObjectMap.remove}, a closed loop left unanswered),
 * which voided the run. Holding the monitor also makes a request's removal wait for its put. A game
 * can reach the same monitor only by reflection, as here; the lock is part of what the peer's
 * figures measure, and costs it little (the send under it opens no socket).
 */
final class LockedHeadlessNet extends HeadlessNet {
    private final NetJavaImpl impl;

    LockedHeadlessNet() {
        super(new HeadlessApplicationConfiguration());
        try {
            Field field = HeadlessNet.class.getDeclaredField("netJavaImpl");
            field.setAccessible(true);
            impl = (NetJavaImpl) field.get(this);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("HeadlessNet no longer keeps its NetJavaImpl in netJavaImpl", e);
        }
    }

    @Override
    public void sendHttpRequest(HttpRequest httpRequest, HttpResponseListener httpResponseListener) {
        synchronized (impl) {
            super.sendHttpRequest(httpRequest, httpResponseListener);
        }
    }

    /** Cancelling reads the same map, outside the monitor too. */
    @Override
    public void cancelHttpRequest(HttpRequest httpRequest) {
        synchronized (impl) {
            super.cancelHttpRequest(httpRequest);
        }
    }
}
