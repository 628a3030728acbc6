package com.gdxfetch.net;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A separate JVM for what one test JVM cannot change once started: where host names resolve.
 * Started with {@code -Djdk.net.hosts.file}, it sends one GET to {@code args[0]} with a connect
 * timeout of {@code args[1]} ms, a total timeout of {@code args[2]} ms unless 0, and retries
 * off, and prints {@code OK <body>} or {@code FAIL <kind> <message>}. With {@code args[3]}
 * {@code cancel}, it cancels the request once a thread connects for it instead, and prints {@code ENDED} once no
 * thread is connecting for it any more, or {@code STILL CONNECTING} after 20 s.
 */
public final class MultiAddressChild {
    private MultiAddressChild() {
    }

    public static void main(String[] args) {
        FetchManager fetch = new FetchManager(FetchConfig.builder().retryPolicy(RetryPolicy.none())
                .connectTimeoutMillis(Integer.parseInt(args[1])).build());
        HttpRequest.Builder request = fetch.get(args[0]);
        if (args.length > 2 && Integer.parseInt(args[2]) > 0) {
            request.totalTimeout(Integer.parseInt(args[2]));
        }
        FetchHandle<HttpResponse> handle = request.send();
        if (args.length > 3 && args[3].equals("cancel")) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!connecting() && System.nanoTime() < deadline) {
                fetch.update();
                LockSupport.parkNanos(200_000);
            }
            handle.cancel();
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (connecting() && System.nanoTime() < deadline) {
                LockSupport.parkNanos(10_000_000);
            }
            System.out.println(connecting() ? "STILL CONNECTING" : "ENDED");
            return;
        }
        while (!handle.isDone()) {
            fetch.update();
            LockSupport.parkNanos(200_000);
        }
        System.out.println(handle.isSuccess() ? "OK " + handle.result().text()
                : "FAIL " + handle.failure().kind() + " " + handle.failure().getMessage());
        fetch.dispose();
    }

    /** Whether a thread is in a socket's connect. */
    private static boolean connecting() {
        for (StackTraceElement[] stack : Thread.getAllStackTraces().values()) {
            for (StackTraceElement frame : stack) {
                if (frame.getClassName().equals("java.net.Socket") && frame.getMethodName().equals("connect")) {
                    return true;
                }
            }
        }
        return false;
    }
}
