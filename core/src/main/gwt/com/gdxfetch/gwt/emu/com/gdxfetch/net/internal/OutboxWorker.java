package com.gdxfetch.net.internal;

import com.gdxfetch.internal.FetchLog;
import com.gdxfetch.net.FetchManager;
import com.gdxfetch.net.HttpRequest;
import com.gdxfetch.net.OutboxConfig;
import com.gdxfetch.net.OutboxHandle;
import com.gdxfetch.net.OutboxListener;

/**
 * The web build's outbox: none yet. The outbox keeps its journal in files and sends from a worker
 * thread, which a browser build has neither of, so a manager configured with one is refused at
 * construction and {@link FetchManager#outbox()} says why.
 */
public final class OutboxWorker implements Engine.Deliveries {
    private static final String UNAVAILABLE = "the outbox (FetchConfig.outbox, FetchManager.outbox()) is not "
            + "available in web builds yet; send with FetchManager.post(...) and a retry policy instead";

    public static IllegalStateException notEnabled() {
        return new IllegalStateException(UNAVAILABLE);
    }

    public OutboxWorker(FetchManager manager, OutboxConfig config, FetchLog log) {
        throw notEnabled();
    }

    public OutboxHandle send(HttpRequest request, String tag) {
        throw notEnabled();
    }

    public void setListener(OutboxListener listener) {
        throw notEnabled();
    }

    public int pendingCount() {
        return 0;
    }

    public boolean isLoaded() {
        return false;
    }

    @Override
    public boolean deliverWaiting() {
        return true;
    }

    public void stopSending() {
    }

    public void dispose() {
    }
}
