package com.gdxfetch.net.internal;

import com.gdxfetch.net.Clock;
import com.gdxfetch.net.EventStream;
import com.gdxfetch.net.EventStreamListener;
import com.gdxfetch.net.EventStreamRequest;
import com.gdxfetch.net.FetchCallback;
import com.gdxfetch.net.FetchConfig;
import com.gdxfetch.net.FetchHandle;
import com.gdxfetch.net.HttpRequest;
import com.gdxfetch.net.ResponseDecoder;
import com.gdxfetch.internal.FetchLog;
import com.gdxfetch.internal.Platform;
import com.gdxfetch.net.Transport;
import com.gdxfetch.net.WebSocket;
import com.gdxfetch.net.WebSocketListener;
import com.gdxfetch.net.WebSocketRequest;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The request manager's machinery: admits calls, hands them to the dispatcher, and delivers
 * their outcomes from {@link #update(int)}. {@code FetchManager} is its public face.
 */
public final class Engine {
    final FetchConfig config;
    final Transport transport;
    final FetchLog log;
    final Dispatcher dispatcher;
    final Timers timers = new Timers();
    /** Bounds decoders running at once, so a burst of parsing leaves a core to the game. */
    final Semaphore decodeSlots;
    /** WebSocket channels, whose events share update()'s budget with results. */
    private final Channels channels = new Channels(this);

    private final Clock clock;
    private final ConcurrentLinkedQueue<Call<?>> completions = new ConcurrentLinkedQueue<>();
    private final LiveCalls live = new LiveCalls();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicBoolean warnedUndelivered = new AtomicBoolean();
    /** Set when a result was posted and the wake-up ran; cleared by update(), which re-arms it. */
    private final AtomicBoolean wakeUpPending = new AtomicBoolean();
    private final Runnable wakeUp;
    /** The transport, under any wrappers (the cache layer's), whose events run in update(); else null. */
    private final FramePump pump;
    /** A class rather than a method reference: it is made with a game's first manager (see Decoders). */
    private static final Runnable REQUEST_FRAME = new Runnable() {
        @Override
        public void run() {
            OnDemandRendering.requestFrame();
        }
    };
    private final long warnAfterNanos;
    private volatile boolean disposed;
    /**
     * Set by the {@link #beginDispose()} that will dispose, before {@link #disposed}: a dispose()
     * arriving in between, on any thread, returns at once as it does later.
     */
    private volatile boolean disposeBegun;
    /**
     * The thread that delivers results: the one that called {@code update()} last, or, before
     * the first {@code update()}, the one that constructed the manager (a game does so in
     * {@code create()}, on its render thread), so {@code await} there throws instead of waiting.
     */
    private volatile Object updateThread = Platform.currentThread();
    /** The thread that called {@code update()} last; null until the first, when any thread may dispose. */
    private volatile Object lastUpdater;
    /**
     * The thread inside {@code update()} or {@code dispose()}, or null: both run callbacks, so one
     * claims the manager by compare-and-set and the other, on another thread, is refused rather
     * than ending a request a second time.
     */
    private final AtomicReference<Object> deliverer = new AtomicReference<>();
    /** Other outcomes delivered inside update()'s callback window (the outbox's); null if none. */
    private Deliveries more;

    /** Outcomes that reach the game inside {@code update()} beside the requests' own. */
    public interface Deliveries {
        /** Delivers what waits, within its own bound; true when nothing waits. Render thread. */
        boolean deliverWaiting();
    }

    public Engine(FetchConfig config, Transport transport, FetchLog log) {
        this.config = config;
        this.transport = transport;
        this.log = log;
        this.clock = config.clock();
        this.dispatcher = new Dispatcher(config.maxRequests(), config.maxRequestsPerHost());
        this.decodeSlots = new Semaphore(config.maxConcurrentDecodes());
        this.warnAfterNanos = TimeUnit.MILLISECONDS.toNanos(config.undeliveredWarningMillis());
        this.wakeUp = config.wakeUp() != null ? config.wakeUp() : REQUEST_FRAME;
        this.pump = framePump(transport);
    }

    /** The first transport down {@code transport}'s delegates that runs its events in update(). */
    private static FramePump framePump(Transport transport) {
        for (int depth = 0; depth < 16 && transport != null; depth++) {
            if (transport instanceof FramePump) {
                return (FramePump) transport;
            }
            Transport inner = transport.delegate();
            if (inner == transport) {
                return null;
            }
            transport = inner;
        }
        return null;
    }

    /** Has {@code update()} deliver {@code more} too, under the same rules as every callback. */
    public void deliverAlso(Deliveries more) {
        this.more = more;
    }

    /** The queue live channels and streamed bodies hand their events to the render thread through. */
    Channels channels() {
        return channels;
    }

    long now() {
        return clock.nanoTime();
    }

    /**
     * Admits a request whose defaults are already resolved and queues it. Any thread.
     *
     * @throws IllegalStateException once disposed
     */
    public <T> FetchHandle<T> send(HttpRequest request, ResponseDecoder<T> decoder, FetchCallback<T> callback) {
        return send(request, decoder, callback, null);
    }

    /**
     * As {@link #send(HttpRequest, ResponseDecoder, FetchCallback)}, with response bodies
     * streamed to {@code streamTarget} (null: gathered as usual).
     */
    public <T> FetchHandle<T> send(HttpRequest request, ResponseDecoder<T> decoder, FetchCallback<T> callback,
            StreamTarget streamTarget) {
        if (decoder == null) {
            throw new IllegalArgumentException("decoder is null; use Decoders.response() for the raw response");
        }
        if (disposed) {
            throw new IllegalStateException("FetchManager is disposed; cannot send " + request);
        }
        long sentNanos = now();
        Call<T> call = new Call<>(this, request, decoder, callback, sequence.getAndIncrement(), sentNanos,
                streamTarget);
        // Under the list's lock, against dispose() closing it: a call is either in the list that
        // dispose() cancels and calls back, or refused here and never called back.
        if (!live.add(call)) {
            throw new IllegalStateException("FetchManager is disposed; cannot send " + request);
        }
        if (log.isDebug()) {
            log.debug(request + " queued, priority " + request.priority());
        }
        // After the list: a timer that fires must find the call there to remove it.
        call.armDeadline();
        warnIfUndeliveredTooLong(sentNanos);
        dispatcher.enqueue(call);
        return call;
    }

    /** Hands a call's outcome (or retry request) to the next {@code update()}. Any thread. */
    void post(Call<?> call) {
        if (disposed) {
            // dispose() calls back every open call itself; nothing waits for update() any more.
            return;
        }
        long nowNanos = now();
        call.postedNanos = nowNanos;
        completions.offer(call);
        wake();
        warnIfUndeliveredTooLong(nowNanos);
    }

    /** Asks a game that renders on demand for a frame, once per update(). Any thread. */
    void wake() {
        // A plain read first: while a wake-up is pending, posting threads do not contend on the flag.
        if (!wakeUpPending.get() && wakeUpPending.compareAndSet(false, true)) {
            try {
                wakeUp.run();
            } catch (RuntimeException | Error e) {
                // Thrown on, it would skip freeing the posting worker's slot, or fail a cancel().
                log.error("the wake-up hook threw; results still wait for update()", e);
            }
        }
    }

    /**
     * Logs one warning, ever, when the oldest result waiting for {@code update()} was posted more
     * than the configured time ago. Judged from the results' own timestamps, so that an idle
     * {@code update()} need not read the clock (it would be most of its cost).
     */
    private void warnIfUndeliveredTooLong(long nowNanos) {
        Call<?> oldest = completions.peek();
        if (oldest != null && nowNanos - oldest.postedNanos > warnAfterNanos
                && warnedUndelivered.compareAndSet(false, true)) {
            log.warn("results have waited " + TimeUnit.NANOSECONDS.toSeconds(nowNanos - oldest.postedNanos)
                    + " s for delivery: call FetchManager.update() once per frame from render()");
        }
    }

    /**
     * Fires due timers and delivers outcomes until {@code budgetMillis} is spent (at least one).
     *
     * @return true while requests are queued, in flight or waiting for delivery
     */
    public boolean update(int budgetMillis) {
        Object current = Platform.currentThread();
        Object holder = claim(current);
        if (holder != null) {
            if (disposed) {
                // From an onCancelled that dispose() runs, or after a dispose elsewhere: nothing to do.
                return false;
            }
            if (holder == current || holder instanceof DisposeClaim && ((DisposeClaim) holder).thread == current) {
                throw new IllegalStateException("FetchManager.update() called from inside a fetch callback; "
                        + "callbacks already run inside update(), so return and let the next frame continue");
            }
            // Another thread is inside update() or trying a dispose() it will be refused: this
            // frame delivers nothing rather than end a request twice, and asks for the next one.
            wakeUpPending.set(false);
            wake();
            return true;
        }
        boolean moreWaiting = false;
        try {
            if (disposed) {
                return false;
            }
            if (updateThread != current) {
                updateThread = current;
            }
            if (lastUpdater != current) {
                lastUpdater = current;
            }
            if (wakeUpPending.get()) {
                // Before polling: a result posted from here on wakes the game again, none is missed.
                wakeUpPending.set(false);
            }
            moreWaiting = deliverFrame(budgetMillis);
        } finally {
            deliverer.set(null);
        }
        return live.count() > 0 || channels.liveCount() > 0 || moreWaiting;
    }

    /** What a dispose() holds the manager with, so that a racing dispose() can tell it from an update(). */
    private static final class DisposeClaim {
        final Object thread;

        DisposeClaim(Object thread) {
            this.thread = thread;
        }
    }

    /**
     * Takes the manager for {@code current} (a thread, or a {@link DisposeClaim}), for one
     * update() or dispose(): null when taken, else what holds it. Waits for no one: the holder may
     * be running a frame's callbacks.
     */
    private Object claim(Object current) {
        for (;;) {
            if (deliverer.compareAndSet(null, current)) {
                return null;
            }
            Object holder = deliverer.get();
            if (holder != null) {
                return holder;
            }
        }
    }

    /** One frame's timers and deliveries, the manager claimed; true when the outbox has more waiting. */
    private boolean deliverFrame(int budgetMillis) {
        boolean moreWaiting = false;
        long budgetNanos = budgetMillis * 1_000_000L;
        long deadline = 0;
        boolean fired = false;
        // The clock only when there is something to time: idle, update() reads none.
        if (timers.anyPending()) {
            long now = clock.nanoTime();
            if (timers.anyDue(now)) {
                // Timers share the frame's budget with deliveries: both run user callbacks.
                deadline = now + budgetNanos;
                fired = true;
                fireTimers(now, deadline);
            }
        }
        // A transport without threads (the browser's) runs its events here, under the budget.
        if (pump != null && pump.hasEvents()) {
            if (!fired) {
                deadline = clock.nanoTime() + budgetNanos;
                fired = true;
            }
            pump.runEvents(clock, deadline);
        }
        Call<?> call = completions.poll();
        if (call != null) {
            long now = clock.nanoTime();
            if (!fired) {
                deadline = now + budgetNanos;
                fired = true;
            }
            do {
                deliverOne(call, now);
                if (disposed || clock.nanoTime() - deadline >= 0) {
                    break;
                }
                call = completions.poll();
            } while (call != null);
        }
        if (channels.hasEvents() && !disposed) {
            // At least one event even when results took the budget, so a channel never starves.
            channels.deliver(fired ? deadline : clock.nanoTime() + budgetNanos, clock);
        }
        if (more != null && !disposed) {
            moreWaiting = !more.deliverWaiting();
        }
        if (!disposed && (!completions.isEmpty() || channels.hasEvents() || moreWaiting
                || (pump != null && pump.hasEvents()))) {
            // Left for the next frame by the budget: a game rendering on demand must be asked for it.
            wake();
        }
        return moreWaiting;
    }

    private void deliverOne(Call<?> call, long now) {
        if (call.delivered) {
            call.forgetPending();
            return;
        }
        if (call.wantsRetry()) {
            call.scheduleRetry(now);
        } else {
            call.deliver();
        }
    }

    /** Fires due timers one at a time, at least one, until {@code deadline} passes. */
    private void fireTimers(long now, long deadline) {
        Call<?> call;
        while ((call = timers.pollDue(now)) != null) {
            call.timerFired(now);
            now = clock.nanoTime();
            if (disposed || now - deadline >= 0) {
                return;
            }
        }
    }

    /** Called once per call as its callback is about to run: nothing here keeps it any longer. */
    void delivered(Call<?> call) {
        live.remove(call);
        if (call.mayHaveTimer()) {
            timers.remove(call);
        }
    }

    void callbackFailed(Call<?> call, Throwable error) {
        FetchConfig.CallbackErrorHandler handler = config.callbackErrorHandler();
        if (handler != null) {
            try {
                handler.callbackFailed(call, error);
                return;
            } catch (Throwable handlerError) {
                log.error("callback error handler threw", handlerError);
            }
        }
        log.error("callback of " + call.request + " threw; other requests are unaffected", error);
    }

    /** Throws if called on the thread that delivers results. */
    void checkNotUpdateThread(String what) {
        if (Platform.currentThread() == updateThread) {
            throw new IllegalStateException(what + " on the thread that calls FetchManager.update() would "
                    + "deadlock: results are delivered by update() on this thread. Poll isDone() or use a callback.");
        }
    }

    /** Cancels every open call with an equal tag. Any thread. */
    public int cancelAll(Object tag) {
        int cancelled = 0;
        List<Call<?>> open = live.snapshot();
        for (int i = 0; i < open.size(); i++) {
            Call<?> call = open.get(i);
            if (tag == null || tag.equals(call.request.tag())) {
                if (call.cancel()) {
                    cancelled++;
                }
            }
        }
        return cancelled;
    }

    /**
     * Opens a WebSocket channel. Any thread.
     *
     * @throws IllegalStateException once disposed, or over a transport other than the socket one
     */
    public WebSocket openWebSocket(WebSocketRequest request, WebSocketListener listener) {
        return channels.open(request, listener);
    }

    /**
     * Opens a Server-Sent Events stream. Any thread.
     *
     * @throws IllegalStateException once disposed, or over a transport other than the socket one
     */
    public EventStream openEvents(EventStreamRequest request, EventStreamListener listener) {
        return channels.openEvents(request, listener);
    }

    /** Channels and event streams whose terminal event has not yet run. */
    public int openChannelCount() {
        return channels.liveCount();
    }

    /** Requests holding a slot now. */
    public int inFlightCount() {
        return dispatcher.runningCount();
    }

    /** Requests waiting for a slot. */
    public int queuedCount() {
        return dispatcher.queuedCount();
    }

    /** Timers set and not yet fired or removed; for tests. */
    int pendingTimers() {
        return timers.size();
    }

    /** Requests not yet delivered. */
    public int openCount() {
        return live.count();
    }

    /** Whether {@link #dispose()} has begun. Any thread. */
    public boolean isDisposed() {
        return disposed;
    }

    /**
     * Takes the manager for a dispose on the calling thread: false when its dispose has begun, on
     * any thread (nothing left to do), true when the caller must run {@link #disposeClaimed()}
     * and then {@link #endDispose()}. Before the first {@code update()} any thread may dispose;
     * after it, only the thread that calls {@code update()}, where the callbacks dispose runs
     * belong.
     *
     * @throws IllegalStateException from inside a callback, or on a thread other than the one
     *     that calls {@code update()}, naming both threads; the manager is left as it was
     */
    public boolean beginDispose() {
        Object current = Platform.currentThread();
        if (!disposeBegun) {
            // Refused before taking the manager, so the render thread's frames go on undisturbed.
            checkDisposeThread(current);
        }
        DisposeClaim mine = new DisposeClaim(current);
        for (;;) {
            Object holder = claim(mine);
            if (holder == null) {
                break;
            }
            if (disposeBegun) {
                // Again, from an onCancelled the first call runs, or from any thread while that call
                // or a late update() holds the manager: the first call finishes the work.
                return false;
            }
            if (holder instanceof DisposeClaim) {
                // Another dispose() holds the manager between its claim and disposeBegun, a step that
                // runs no callback: it either begins, and this call has nothing to do, or lets go.
                continue;
            }
            if (holder == current) {
                throw new IllegalStateException("FetchManager.dispose() called from inside a fetch callback");
            }
            throw new IllegalStateException("FetchManager.dispose() called on thread '" + Platform.threadName(current)
                    + "' while thread '" + Platform.threadName(holder) + "' is inside its update() or dispose(); "
                    + "dispose it on the render thread that calls update(), where its callbacks run");
        }
        if (disposeBegun) {
            deliverer.set(null);
            return false;
        }
        try {
            // Again, holding it: a first update() may have run since the check above.
            checkDisposeThread(current);
        } catch (IllegalStateException e) {
            deliverer.set(null);
            throw e;
        }
        disposeBegun = true;
        return true;
    }

    private void checkDisposeThread(Object current) {
        checkUpdateThread(current, "FetchManager.dispose()", "the callbacks dispose() runs");
    }

    /**
     * Throws unless the calling thread is the one that calls {@code update()}, or none has yet;
     * for {@code what}, whose effect reaches {@code runs} on that thread.
     *
     * @throws IllegalStateException naming {@code what} and both threads
     */
    public void checkUpdateThread(String what, String runs) {
        checkUpdateThread(Platform.currentThread(), what, runs);
    }

    private void checkUpdateThread(Object current, String what, String runs) {
        Object owner = lastUpdater;
        if (owner != null && owner != current) {
            throw new IllegalStateException(what + " called on thread '" + Platform.threadName(current)
                    + "'; it belongs to the render thread '" + Platform.threadName(owner) + "' that calls "
                    + "FetchManager.update(), where " + runs + " must run: call it there");
        }
    }

    /** Lets go of the manager taken by {@link #beginDispose()}. */
    public void endDispose() {
        deliverer.set(null);
    }

    /** Disposes on the calling thread; see {@link #beginDispose()} for which thread may. */
    public void dispose() {
        if (beginDispose()) {
            try {
                disposeClaimed();
            } finally {
                endDispose();
            }
        }
    }

    /**
     * Refuses new requests, cancels every open one, stops the transport and its threads, then
     * runs each open call's onCancelled on the calling thread; between {@link #beginDispose()}
     * and {@link #endDispose()}.
     */
    public void disposeClaimed() {
        disposed = true;
        // From here send() refuses; every call accepted before is in this list.
        List<Call<?>> open = live.close();
        // Before the cancels: a freed slot must not start the next queued call.
        dispatcher.close();
        for (int i = 0; i < open.size(); i++) {
            open.get(i).cancel();
        }
        // Before the transport: its threads end only once the channels' sockets are closed.
        List<LiveChannel> channelsOpen = channels.close();
        try {
            transport.dispose();
        } catch (RuntimeException | Error e) {
            // A game's own transport: its requests still get their onCancelled below.
            log.error("the transport's dispose() threw", e);
        }
        timers.close();
        completions.clear();
        for (int i = 0; i < open.size(); i++) {
            Call<?> call = open.get(i);
            // A cancel from another thread may still be writing its outcome.
            call.awaitSettled();
            call.deliverCancelled();
        }
        channels.deliverTerminals(channelsOpen);
    }
}
