package com.gdxfetch.net;

import java.util.concurrent.locks.LockSupport;

/**
 * A separate JVM for what one test JVM cannot change once started: where host names resolve.
 * Started with {@code -Djdk.net.hosts.file}, it sends one GET to {@code args[0]} with a connect
 * timeout of {@code args[1]} ms and retries off, and prints {@code OK <body>} or
 * {@code FAIL <kind> <message>}.
 */
public final class MultiAddressChild {
    private MultiAddressChild() {
    }

    public static void main(String[] args) {
        FetchManager fetch = new FetchManager(FetchConfig.builder().retryPolicy(RetryPolicy.none())
                .connectTimeoutMillis(Integer.parseInt(args[1])).build());
        FetchHandle<HttpResponse> handle = fetch.get(args[0]).send();
        while (!handle.isDone()) {
            fetch.update();
            LockSupport.parkNanos(200_000);
        }
        System.out.println(handle.isSuccess() ? "OK " + handle.result().text()
                : "FAIL " + handle.failure().kind() + " " + handle.failure().getMessage());
        fetch.dispose();
    }
}
