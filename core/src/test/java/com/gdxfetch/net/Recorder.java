package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** A callback that records what it received, how often, and on which thread. */
final class Recorder<T> implements FetchCallback<T> {
    volatile int terminalCalls;
    volatile T result;
    volatile HttpResponse response;
    volatile FetchException failure;
    volatile boolean cancelled;
    volatile Thread thread;

    @Override
    public void onSuccess(T value, HttpResponse received) {
        record();
        result = value;
        response = received;
    }

    @Override
    public void onFailure(FetchException error) {
        record();
        failure = error;
    }

    @Override
    public void onCancelled() {
        record();
        cancelled = true;
    }

    private void record() {
        terminalCalls++;
        thread = Thread.currentThread();
    }

    boolean called() {
        return terminalCalls > 0;
    }

    /** Asserts exactly one failure of {@code kind} arrived, and returns it. */
    FetchException assertFailed(FailureKind kind) {
        assertEquals(1, terminalCalls, "terminal callbacks");
        assertNotNull(failure, "expected a failure, got " + (cancelled ? "cancelled" : "success " + response));
        assertEquals(kind, failure.kind(), failure.getMessage());
        return failure;
    }

    /** Asserts exactly one success arrived, and returns the result. */
    T assertSucceeded() {
        assertEquals(1, terminalCalls, "terminal callbacks");
        if (failure != null) {
            throw new AssertionError("expected success, got " + failure, failure);
        }
        assertNotNull(response, "expected success, got " + (cancelled ? "cancelled" : "nothing"));
        return result;
    }
}
