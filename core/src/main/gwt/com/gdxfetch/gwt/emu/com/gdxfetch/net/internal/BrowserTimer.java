package com.gdxfetch.net.internal;

/**
 * One pending browser timeout ({@code setTimeout}) that runs {@code onFire} on the page's thread,
 * outside the browser callback that set it; setting it again replaces the pending one. The
 * requests and channels of the web build time themselves with it. Update thread (the page's only
 * thread).
 */
final class BrowserTimer {
    private final Runnable onFire;
    private int id = -1;

    BrowserTimer(Runnable onFire) {
        this.onFire = onFire;
    }

    /** Fires after {@code millis} (0: once the browser's current callback is over), replacing a pending one. */
    void schedule(int millis) {
        cancel();
        id = set(millis);
    }

    /** As {@link #schedule}, for a timeout: 0 or less means none, so it only cancels. */
    void arm(int millis) {
        cancel();
        if (millis > 0) {
            id = set(millis);
        }
    }

    /** Cancels the pending timeout, if there is one. */
    void cancel() {
        if (id != -1) {
            clear(id);
            id = -1;
        }
    }

    private void fire() {
        id = -1;
        onFire.run();
    }

    private native int set(int millis) /*-{
        var self = this;
        return $wnd.setTimeout($entry(function() {
            self.@com.gdxfetch.net.internal.BrowserTimer::fire()();
        }), millis);
    }-*/;

    private static native void clear(int id) /*-{
        $wnd.clearTimeout(id);
    }-*/;
}
