package com.gdxfetch.net.internal;

import com.gdxfetch.net.Clock;

/**
 * A transport with no threads of its own (the browser's): it queues its exchanges' events, and
 * the engine runs them inside {@code update()}, under the frame's budget, before delivering
 * results. The listener calls it makes there (and the decoding they start) run on the update
 * thread. Update thread only.
 */
public interface FramePump {
    /** Whether events wait; cheap, so an idle {@code update()} stays idle. */
    boolean hasEvents();

    /** Runs waiting events, at least one, until {@code clock} passes {@code deadlineNanos}. */
    void runEvents(Clock clock, long deadlineNanos);
}
