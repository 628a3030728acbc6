package com.gdxfetch.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Collects what reaches the default uncaught-exception handler while each test runs, from any
 * thread, and fails the test if anything did: a worker that dies of an exception leaves no other
 * trace a test could see. Registered as an instance {@code @RegisterExtension} field; a test may
 * also check {@link #isEmpty()} at the point it cares about. The previous handler is put back
 * after the test's own {@code @AfterEach} methods, so their clean-up is watched too.
 */
public final class UncaughtExceptions implements BeforeEachCallback, AfterEachCallback {
    private final List<Throwable> caught = new CopyOnWriteArrayList<>();
    private Thread.UncaughtExceptionHandler previous;

    @Override
    public void beforeEach(ExtensionContext context) {
        caught.clear();
        previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> caught.add(e));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Thread.setDefaultUncaughtExceptionHandler(previous);
        if (!caught.isEmpty()) {
            AssertionError failure = new AssertionError("exceptions reached an uncaught handler: " + caught);
            for (Throwable e : caught) {
                failure.addSuppressed(e);
            }
            throw failure;
        }
    }

    /** Whether nothing has reached the handler since the test started. */
    public boolean isEmpty() {
        return caught.isEmpty();
    }

    /** What reached the handler, in order. */
    @Override
    public String toString() {
        return caught.toString();
    }
}
