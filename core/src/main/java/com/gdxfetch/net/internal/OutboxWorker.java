package com.gdxfetch.net.internal;

import com.gdxfetch.internal.FetchLog;
import com.gdxfetch.internal.ProcessLock;
import com.gdxfetch.internal.WorkerThreads;
import com.gdxfetch.net.Clock;
import com.gdxfetch.net.FailureKind;
import com.gdxfetch.net.FetchCallback;
import com.gdxfetch.net.FetchException;
import com.gdxfetch.net.FetchManager;
import com.gdxfetch.net.HttpRequest;
import com.gdxfetch.net.HttpResponse;
import com.gdxfetch.net.OutboxConfig;
import com.gdxfetch.net.OutboxHandle;
import com.gdxfetch.net.OutboxListener;
import com.gdxfetch.net.RetryPolicy;

import java.io.File;
import java.io.IOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The outbox's machinery. One worker thread owns the journal: it loads what earlier runs left,
 * writes each new request, sends due requests through the manager, records final answers and
 * deletes what was delivered, so the render thread never touches a file. Outcomes wait in a
 * queue for {@link #deliverWaiting()}, which the manager's {@code update()} calls.
 */
public final class OutboxWorker implements Runnable, Engine.Deliveries {
    private static final Object SEQUENCE_LOCK = new Object();
    private static long nextSequence;

    /** Longest a dispose waits for journal writes already handed to the worker. */
    private static final long DISPOSE_WAIT_MILLIS = 2_000;
    /** Outcomes delivered per {@code update()} at most; the rest wait for the next frame. */
    private static final int DELIVERIES_PER_UPDATE = 16;
    /** Attempts in one run after which a 409 is taken as the server's final answer. */
    static final int CONFLICT_ATTEMPTS = 6;
    /** The file in the outbox's folder whose operating-system lock the outbox holds while it runs. */
    public static final String LOCK_FILE = "outbox.lock";
    private static final Runnable STOP = new Runnable() {
        @Override
        public void run() {
        }
    };
    /** Has the worker look at its waiting requests again: the manager's clock moved them due. */
    private static final Runnable RECHECK = new Runnable() {
        @Override
        public void run() {
        }
    };
    /** {@link #soonestDueNanos} when no request waits. */
    private static final long NONE_WAITING = Long.MIN_VALUE;

    private final FetchManager manager;
    private final OutboxConfig config;
    private final FetchLog log;
    private final OutboxJournal journal;
    private final RetryPolicy backoff;
    /** The manager's clock, which times retries as it times the manager's own. */
    private final Clock clock;
    private final Runnable wakeUp;
    private final LinkedBlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
    /** Requests waiting for their next attempt, soonest first; worker thread only. */
    private final PriorityQueue<OutboxEntry> waiting = new PriorityQueue<>(16, new Comparator<OutboxEntry>() {
        @Override
        public int compare(OutboxEntry a, OutboxEntry b) {
            return Long.compare(a.dueNanos - b.dueNanos, 0);
        }
    });
    /** Outcomes and drop reports waiting for {@code update()}. */
    private final ConcurrentLinkedQueue<Object> deliveries = new ConcurrentLinkedQueue<>();
    private final AtomicInteger count = new AtomicInteger();
    private final AtomicLong bytes = new AtomicLong();
    private final Thread thread;
    /**
     * When the soonest waiting request falls due, or {@link #NONE_WAITING}; written by the worker.
     * A clock other than the system's (a test's) moves without waking the worker's timed wait, so
     * {@code update()} reads this and wakes the worker once the manager's clock passes it.
     */
    private volatile long soonestDueNanos = NONE_WAITING;
    /** Set while a {@link #RECHECK} is queued, so update() queues one at a time. */
    private final AtomicBoolean recheckQueued = new AtomicBoolean();
    /** Keeps other outboxes off the folder until the worker has ended; null if it could not be taken. */
    private final ProcessLock folderLock;
    /** Held by send() from the check of {@link #disposed} to the queuing of its write, and by dispose(). */
    private final Object admission = new Object();
    private volatile boolean loaded;
    private volatile boolean disposed;
    /** Set before the manager cancels its calls: no attempt starts, a cancelled one stays in the journal. */
    private volatile boolean sendingStopped;
    /** Set on the render thread, or on a loading thread before the first update(); read in update(). */
    private volatile OutboxListener listener;

    /**
     * What {@link FetchManager#outbox()} throws when the manager has none. The web build replaces
     * this class (GWT super-source) with one that says the outbox is not available there.
     */
    public static IllegalStateException notEnabled() {
        return new IllegalStateException("this FetchManager has no outbox; enable it with "
                + "FetchConfig.builder().outbox(OutboxConfig.builder(Gdx.files.local(\"outbox\")).build())");
    }

    public OutboxWorker(FetchManager manager, OutboxConfig config, FetchLog log) {
        this.manager = manager;
        this.config = config;
        this.log = log;
        this.journal = new OutboxJournal(config.directory());
        this.folderLock = lockFolder();
        this.backoff = config.retryPolicy();
        this.clock = manager.config().clock();
        Runnable hook = manager.config().wakeUp();
        this.wakeUp = hook != null ? hook : new Runnable() {
            @Override
            public void run() {
                OnDemandRendering.requestFrame();
            }
        };
        tasks.offer(new Runnable() {
            @Override
            public void run() {
                load();
            }
        });
        try {
            this.thread = WorkerThreads.create(this, "gdx-fetch-outbox", WorkerThreads.DEFAULT_PRIORITY);
            thread.start();
        } catch (RuntimeException | Error e) {
            releaseFolder();
            throw e;
        }
    }

    /**
     * Takes the operating-system lock on the folder's {@link #LOCK_FILE}: two outboxes on one
     * folder would each send every request, under the same keys. Fails at once rather than wait:
     * the other may be a game that runs for hours.
     */
    private ProcessLock lockFolder() {
        File dir = journal.dir.getAbsoluteFile();
        ProcessLock lock;
        try {
            journal.ensureDirectory();
            lock = ProcessLock.tryAcquire(new File(dir, LOCK_FILE));
        } catch (IOException e) {
            // A folder that cannot be written fails each send on its own (storeFailure, onDropped);
            // refusing the whole manager at start-up for it would be worse than the risk it leaves.
            log.error("cannot lock the outbox folder " + dir.getPath() + " (" + e.getMessage()
                    + "); going on without the lock, so a second outbox on this folder would send its requests again", e);
            return null;
        }
        if (lock == null) {
            throw new IllegalStateException("another outbox holds the folder " + dir.getPath() + " (it locks "
                    + LOCK_FILE + "), in this process or another; two outboxes on one folder would send the same "
                    + "requests twice: dispose the other FetchManager first, or give this one a folder of its own");
        }
        return lock;
    }

    private void releaseFolder() {
        if (folderLock != null) {
            folderLock.release();
        }
    }

    /** Admits a request: counts it against the bounds and hands its write to the worker. Any thread. */
    public OutboxHandle send(HttpRequest request, String tag) {
        final OutboxEntry entry = OutboxEntry.of(newId(), request, tag);
        // Under the lock dispose() takes: a send that passed the check queues its write before
        // STOP, so the worker stores every request whose handle was returned.
        synchronized (admission) {
            if (disposed) {
                throw new IllegalStateException("FetchManager is disposed; cannot put " + request + " in the outbox");
            }
            reserve(entry, request);
            tasks.offer(new Runnable() {
                @Override
                public void run() {
                    store(entry);
                }
            });
        }
        return entry;
    }

    /**
     * An id unique across runs whose name order is the send order: the wall-clock time, then this
     * run's send count (sends within one millisecond keep their order), then random bits against
     * two runs sharing a millisecond.
     */
    private static String newId() {
        long sequence;
        long time;
        synchronized (SEQUENCE_LOCK) {
            // One lock so that a later sequence number never carries an earlier time.
            time = System.currentTimeMillis();
            sequence = nextSequence++;
        }
        StringBuilder id = new StringBuilder(40);
        appendHex(id, time, 12).append('-');
        appendHex(id, sequence, 12);
        return appendHex(id, ThreadLocalRandom.current().nextInt() & 0xffffffffL, 8).toString();
    }

    private static StringBuilder appendHex(StringBuilder out, long value, int width) {
        String hex = Long.toHexString(value);
        for (int i = hex.length(); i < width; i++) {
            out.append('0');
        }
        return out.append(hex);
    }

    private void reserve(OutboxEntry entry, HttpRequest request) {
        for (;;) {
            int kept = count.get();
            if (kept >= config.maxEntries()) {
                throw new IllegalStateException("outbox is full: it keeps " + kept + " requests, its limit "
                        + "(OutboxConfig maxEntries " + config.maxEntries() + "); cannot add " + request);
            }
            if (count.compareAndSet(kept, kept + 1)) {
                break;
            }
        }
        for (;;) {
            long used = bytes.get();
            if (used + entry.size > config.maxBytes()) {
                count.decrementAndGet();
                throw new IllegalStateException("outbox is full: its requests use " + used + " of "
                        + config.maxBytes() + " bytes (OutboxConfig maxBytes) and " + request + " needs "
                        + entry.size + " more");
            }
            if (bytes.compareAndSet(used, used + entry.size)) {
                return;
            }
        }
    }

    private void release(OutboxEntry entry) {
        count.decrementAndGet();
        bytes.addAndGet(-entry.size);
    }

    public void setListener(OutboxListener listener) {
        this.listener = listener;
    }

    public int pendingCount() {
        return count.get();
    }

    public boolean isLoaded() {
        return loaded;
    }

    /**
     * Runs the listener for waiting outcomes, then has the worker forget each one. Render thread,
     * inside {@code update()}; allocates nothing when nothing waits.
     *
     * @return true when no outcome waits (or no listener is set to receive one)
     */
    @Override
    public boolean deliverWaiting() {
        recheckIfDue();
        OutboxListener to = listener;
        if (to == null || disposed) {
            return true;
        }
        Object next;
        for (int i = 0; i < DELIVERIES_PER_UPDATE && (next = deliveries.poll()) != null; i++) {
            if (next instanceof OutboxOutcome) {
                final OutboxOutcome outcome = (OutboxOutcome) next;
                try {
                    to.onAnswered(outcome);
                } catch (Throwable e) {
                    log.error("OutboxListener.onAnswered threw for " + outcome + "; counted as delivered", e);
                }
                // Only now may the record go: a crash before this line delivers it again next run.
                // The request goes too: it is still there when its outcome could not be recorded
                // (a full disk), and once heard, keeping it would only resend it next run.
                tasks.offer(new Runnable() {
                    @Override
                    public void run() {
                        journal.file(outcome.id(), OutboxJournal.OUTCOME).delete();
                        journal.file(outcome.id(), OutboxJournal.REQUEST).delete();
                    }
                });
            } else {
                Dropped dropped = (Dropped) next;
                try {
                    to.onDropped(dropped.id, dropped.reason);
                } catch (Throwable e) {
                    log.error("OutboxListener.onDropped threw for " + dropped.id, e);
                }
            }
        }
        return deliveries.isEmpty();
    }

    /** Wakes the worker when the manager's own clock, not the system's, has brought a retry due. */
    private void recheckIfDue() {
        if (clock == Clock.SYSTEM) {
            // The worker's timed wait runs on this clock: it wakes when the request falls due.
            return;
        }
        long due = soonestDueNanos;
        if (due != NONE_WAITING && clock.nanoTime() - due >= 0 && recheckQueued.compareAndSet(false, true)) {
            tasks.offer(RECHECK);
        }
    }

    /**
     * Starts no more attempts, and leaves the requests whose attempts the manager is about to
     * cancel in the journal; requests are still admitted and written until {@link #dispose()}.
     * Render thread, before the manager cancels its calls.
     */
    public void stopSending() {
        sendingStopped = true;
    }

    /**
     * Stops sending, refuses new requests, lets the worker finish the journal writes it was given
     * (waiting at most {@link #DISPOSE_WAIT_MILLIS}), and leaves every unanswered request in the
     * journal for the next run. Render thread, after the manager has cancelled its calls, so a
     * request a cancellation's callback puts in the outbox is written.
     */
    public void dispose() {
        sendingStopped = true;
        synchronized (admission) {
            if (disposed) {
                return;
            }
            disposed = true;
            tasks.offer(STOP);
        }
        try {
            thread.join(DISPOSE_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void run() {
        try {
            for (;;) {
                OutboxEntry next = waiting.peek();
                Runnable task;
                if (next == null) {
                    task = tasks.take();
                } else {
                    long wait = next.dueNanos - clock.nanoTime();
                    task = wait <= 0 ? tasks.poll() : tasks.poll(wait, TimeUnit.NANOSECONDS);
                }
                if (task == STOP) {
                    return;
                }
                if (task == RECHECK) {
                    recheckQueued.set(false);
                }
                if (task != null) {
                    try {
                        task.run();
                    } catch (RuntimeException e) {
                        log.error("outbox worker task failed", e);
                    }
                }
                long now = clock.nanoTime();
                while ((next = waiting.peek()) != null && next.dueNanos - now <= 0) {
                    waiting.poll();
                    attempt(next);
                }
                soonestDueNanos = next != null ? next.dueNanos : NONE_WAITING;
            }
        } catch (InterruptedException e) {
            // Interrupted from outside: stop; the journal keeps every unanswered request.
        } finally {
            // Only once the last journal write is done: a new outbox on the folder may start then.
            releaseFolder();
        }
    }

    /** Reads what earlier runs left: outcomes to deliver, requests to resend, damaged records to set aside. */
    private void load() {
        try {
            File[] files = journal.dir.listFiles();
            if (files == null) {
                return;
            }
            boolean recovered = false;
            for (File file : files) {
                if (file.getName().endsWith(OutboxJournal.TEMP)) {
                    // A write cut short by a crash is deleted; a whole one whose rename was lost is kept.
                    recovered |= journal.recover(file);
                }
            }
            if (recovered) {
                files = journal.dir.listFiles();
                if (files == null) {
                    return;
                }
            }
            // Ids start with the send time: requests go out again in the order they were sent.
            Arrays.sort(files);
            Set<String> answered = new HashSet<>();
            for (File file : files) {
                String name = file.getName();
                if (name.endsWith(OutboxJournal.OUTCOME)) {
                    String id = name.substring(0, name.length() - OutboxJournal.OUTCOME.length());
                    try {
                        post(journal.readOutcome(file));
                        answered.add(id);
                    } catch (IOException e) {
                        if (journal.file(id, OutboxJournal.REQUEST).isFile()) {
                            // Its request is still there and is sent again under its key: the
                            // answer is not lost, and onDropped would contradict the onAnswered to come.
                            log.warn(e.getMessage() + "; set aside as " + journal.setAside(file).getName()
                                    + " and its request sent again");
                        } else {
                            setAside(id, file, e);
                        }
                    }
                }
            }
            for (File file : files) {
                String name = file.getName();
                if (!name.endsWith(OutboxJournal.REQUEST)) {
                    continue;
                }
                String id = name.substring(0, name.length() - OutboxJournal.REQUEST.length());
                if (answered.contains(id)) {
                    // Killed between recording the answer and deleting the request: it is done.
                    file.delete();
                    continue;
                }
                OutboxEntry entry;
                try {
                    entry = journal.readRequest(file);
                } catch (IOException e) {
                    setAside(id, file, e);
                    continue;
                }
                // Loaded requests count against the bounds even past them: none is dropped.
                count.incrementAndGet();
                bytes.addAndGet(entry.size);
                attempt(entry);
            }
        } finally {
            loaded = true;
        }
    }

    private void setAside(String id, File file, IOException why) {
        File aside = journal.setAside(file);
        log.warn(why.getMessage() + "; set aside as " + aside.getName());
        post(new Dropped(id, why.getMessage() + "; set aside as " + aside.getAbsolutePath()));
    }

    /** Writes a new request to the journal, then sends it. */
    private void store(OutboxEntry entry) {
        entry.ensureKey(UUID.randomUUID().toString());
        try {
            journal.writeRequest(entry);
        } catch (IOException e) {
            release(entry);
            String reason = "not stored: " + e.getMessage();
            entry.markNotStored(reason);
            log.error(entry + " " + reason, e);
            post(new Dropped(entry.id(), reason));
            return;
        }
        entry.markStored();
        attempt(entry);
    }

    /** Sends one attempt through the manager; its end comes back to this thread as a task. */
    private void attempt(final OutboxEntry entry) {
        if (sendingStopped) {
            return;
        }
        final HttpRequest request = entry.toRequest(config.maxResponseBytes());
        try {
            manager.send(request, new FetchCallback<HttpResponse>() {
                @Override
                public void onSuccess(final HttpResponse result, HttpResponse response) {
                    tasks.offer(new Runnable() {
                        @Override
                        public void run() {
                            answered(entry, request, result, null);
                        }
                    });
                }

                @Override
                public void onFailure(final FetchException failure) {
                    tasks.offer(new Runnable() {
                        @Override
                        public void run() {
                            answered(entry, request, null, failure);
                        }
                    });
                }

                @Override
                public void onCancelled() {
                    if (sendingStopped) {
                        return;
                    }
                    // Cancelled by the game (cancelAll): the request must still arrive; try later.
                    tasks.offer(new Runnable() {
                        @Override
                        public void run() {
                            retryLater(entry, null);
                        }
                    });
                }
            });
        } catch (IllegalStateException disposedMeanwhile) {
            // The manager is going away; the journal keeps the request for the next run.
        }
    }

    /** One attempt ended: record a final answer, or wait and try again. */
    private void answered(OutboxEntry entry, HttpRequest request, HttpResponse response, FetchException failure) {
        if (response == null && failure.kind() == FailureKind.TOO_LARGE && failure.response() != null) {
            // An answer longer than the outbox keeps: its status decides as any answer's, without its body.
            response = failure.response();
        }
        if (response != null) {
            int status = response.status();
            if (isFinal(entry, request, status)) {
                finish(entry, status, response.body());
            } else {
                if (log.isDebug()) {
                    log.debug(entry + " answered " + status + "; retrying");
                }
                retryLater(entry, response.header("Retry-After"));
            }
        } else if (failure.kind() == FailureKind.TOO_LARGE) {
            // More than the outbox keeps, from a transport that does not say the answer's status.
            finish(entry, -1, new byte[0]);
        } else {
            if (log.isDebug()) {
                log.debug(entry + " failed: " + failure.getMessage() + "; retrying");
            }
            retryLater(entry, null);
        }
    }

    /**
     * A 2xx, or a 4xx the retry policy does not retry (all but 408 and 429). A 409 is retried for
     * {@link #CONFLICT_ATTEMPTS} attempts of a run: the Idempotency-Key draft answers it to a
     * repeat of a key whose first request the server is still processing, and a later attempt
     * gets that request's answer; a server that means a lasting conflict by it still ends the request.
     */
    private boolean isFinal(OutboxEntry entry, HttpRequest request, int status) {
        if (status >= 200 && status < 300) {
            return true;
        }
        if (status == 409) {
            return entry.attempt >= CONFLICT_ATTEMPTS;
        }
        return status >= 400 && status < 500 && !backoff.shouldRetry(request, 1, null, status);
    }

    private void retryLater(OutboxEntry entry, String retryAfter) {
        double random = ThreadLocalRandom.current().nextDouble();
        long delay = backoff.delayMillis(entry.attempt, retryAfter, random, System.currentTimeMillis());
        if (delay < 0) {
            // Retry-After beyond what the outbox honours: the ordinary backoff instead.
            delay = backoff.delayMillis(entry.attempt, null, random, System.currentTimeMillis());
        }
        if (entry.attempt < Integer.MAX_VALUE) {
            entry.attempt++;
        }
        // Capped as a call's retry is: the queue orders due times by their difference.
        entry.dueNanos = clock.nanoTime() + Call.retryDelayNanos(delay);
        waiting.add(entry);
    }

    /**
     * Records the final answer durably, then deletes the request, then hands the outcome to
     * {@code update()}: a crash at any point leaves the request (sent again, deduplicated by its
     * key) or the outcome (delivered next run), never neither.
     */
    private void finish(OutboxEntry entry, int status, byte[] body) {
        OutboxOutcome outcome = new OutboxOutcome(entry.id(), entry.tag(), entry.key(), entry.method(),
                entry.url(), status, body);
        try {
            journal.writeOutcome(outcome);
            journal.file(entry.id(), OutboxJournal.REQUEST).delete();
        } catch (IOException e) {
            // The request stays in the journal until the listener hears the outcome: a crash
            // before that sends it again next run, under the same key.
            log.error(entry + " answered " + status + " but the outcome could not be recorded", e);
        }
        release(entry);
        post(outcome);
    }

    private void post(Object delivery) {
        deliveries.offer(delivery);
        try {
            wakeUp.run();
        } catch (RuntimeException e) {
            log.error("the wake-up hook threw; outbox outcomes still wait for update()", e);
        }
    }

    /** A request dropped without an answer, for {@link OutboxListener#onDropped}. */
    private static final class Dropped {
        final String id;
        final String reason;

        Dropped(String id, String reason) {
            this.id = id;
            this.reason = reason;
        }
    }
}
