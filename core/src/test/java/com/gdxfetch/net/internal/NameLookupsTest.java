package com.gdxfetch.net.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.gdxfetch.net.FailureKind;
import com.gdxfetch.net.FetchException;
import com.gdxfetch.net.HttpRequest;
import com.gdxfetch.net.HttpResponse;
import com.gdxfetch.testing.TransportOutcome;
import com.gdxfetch.net.ProxyDaemon;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Host names looked up within the connect timeout: a resolver held on a latch stands for a DNS
 * server that does not answer; the connections it leads to are real, to a loopback server.
 */
class NameLookupsTest {
    private static final int A_MINUTE = 60_000;
    private final MockWebServer server = new MockWebServer();
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch asked = new CountDownLatch(1);
    private final AtomicInteger lookups = new AtomicInteger();
    /** The thread the lookup of "held.example" runs on, once it has started. */
    private volatile Thread heldLookup;
    private final Executor threadPerTask = task -> {
        Thread t = new Thread(task, "lookup");
        t.setDaemon(true);
        t.start();
    };
    private SocketTransport transport;

    /**
     * Answers loopback for every name but "missing.example" and "localhost", which it does not
     * know; "held.example" only once {@link #release} is counted down.
     */
    private final NameLookups.Resolver resolver = host -> {
        lookups.incrementAndGet();
        if (host.equals("held.example")) {
            heldLookup = Thread.currentThread();
            asked.countDown();
            // As the platform's resolver: an interrupt does not end the wait.
            boolean interrupted = false;
            while (release.getCount() > 0) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        if (host.equals("missing.example") || host.equals("localhost")) {
            throw new UnknownHostException(host + ": Name or service not known");
        }
        return new InetAddress[] {InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})};
    };

    private final ProxySelector jvmsSelector = ProxySelector.getDefault();

    @AfterEach
    void stop() throws IOException {
        ProxySelector.setDefault(jvmsSelector);
        release.countDown();
        if (transport != null) {
            transport.dispose();
        }
        server.shutdown();
    }

    /**
     * Asserts the request failed CONNECT_TIMEOUT in the lookup of "held.example", its message
     * naming {@code named} too, while that lookup is still held.
     */
    private void assertTimedOutInTheHeldLookup(Object outcome, String... named) {
        assertInstanceOf(FetchException.class, outcome, "a request got past a lookup that never answered: " + outcome);
        FetchException failure = (FetchException) outcome;
        assertEquals(FailureKind.CONNECT_TIMEOUT, failure.kind(), failure.getMessage());
        assertTrue(failure.getMessage().contains("lookup of held.example"), failure.getMessage());
        for (String name : named) {
            assertTrue(failure.getMessage().contains(name), failure.getMessage());
        }
        assertEquals(1, release.getCount(), "the outcome came only once the resolver was let go");
    }

    /** Sends every connection through {@code proxy}. */
    private static void route(Proxy proxy) {
        ProxySelector.setDefault(new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                return Collections.singletonList(proxy);
            }

            @Override
            public void connectFailed(URI uri, SocketAddress address, IOException failure) {
            }
        });
    }

    private Object get(String host, int connectTimeoutMillis) throws Exception {
        if (transport == null) {
            transport = new SocketTransport(null, 0, 1000, Thread.NORM_PRIORITY, TlsPlatform.get(), resolver);
        }
        TransportOutcome outcome = new TransportOutcome();
        transport.start(HttpRequest.get("http://" + host + ":" + server.getPort() + "/")
                .connectTimeout(connectTimeoutMillis).readTimeout(A_MINUTE).build(), outcome);
        return outcome.await();
    }

    @Test
    void aLookupThatNeverAnswersFailsTheRequestAsAConnectTimeoutWhileItIsStillHeld() throws Exception {
        server.start(InetAddress.getByName("127.0.0.1"), 0);

        Object outcome = get("held.example", 300);

        assertTimedOutInTheHeldLookup(outcome, "lookup of held.example did not answer");
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void aRequestToAnotherNameIsNotHeldUpByAStuckLookup() throws Exception {
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        server.enqueue(new MockResponse().setBody("other"));
        transport = new SocketTransport(null, 0, 1000, Thread.NORM_PRIORITY, TlsPlatform.get(), resolver);
        TransportOutcome stuck = new TransportOutcome();
        transport.start(HttpRequest.get("http://held.example:" + server.getPort() + "/")
                .connectTimeout(A_MINUTE).build(), stuck);
        assertTrue(asked.await(30, TimeUnit.SECONDS));

        Object other = get("other.example", A_MINUTE);

        assertInstanceOf(HttpResponse.class, other, String.valueOf(other));
        assertEquals("other", ((HttpResponse) other).text());
        assertEquals(1, release.getCount(), "the other name waited for the stuck lookup");
    }

    @Test
    void disposeDoesNotWaitForALookupThatNeverAnswers() throws Exception {
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        SocketTransport stuck = new SocketTransport(null, 0, 1000, Thread.NORM_PRIORITY, TlsPlatform.get(), resolver);
        TransportOutcome outcome = new TransportOutcome();
        stuck.start(HttpRequest.get("http://held.example:" + server.getPort() + "/").connectTimeout(A_MINUTE)
                .build(), outcome);
        assertTrue(asked.await(30, TimeUnit.SECONDS));

        // A game quitting while the player's DNS server is silent: dispose runs on its render thread.
        assertTimeoutPreemptively(Duration.ofSeconds(10), stuck::dispose,
                "dispose waited for the resolver (its I/O threads are joined for up to 30 s)");

        assertEquals(FailureKind.CANCELLED, ((FetchException) outcome.await()).kind());
        assertEquals(1, release.getCount());
        // The one thread dispose leaves behind, as the guides say: a daemon still in the resolver,
        // holding nothing open, which ends once the resolver answers.
        Thread lookup = heldLookup;
        assertTrue(lookup.isAlive() && lookup.isDaemon(), lookup + " alive " + lookup.isAlive());
        release.countDown();
        lookup.join(30_000);
        assertFalse(lookup.isAlive(), "the lookup thread outlived its resolver's answer");
    }

    @Test
    void aNameWithoutAddressesFailsAsUnknownHostAndTheNextRequestAsksAgain() throws Exception {
        server.start(InetAddress.getByName("127.0.0.1"), 0);

        Object first = get("missing.example", A_MINUTE);
        Object second = get("missing.example", A_MINUTE);

        for (Object outcome : new Object[] {first, second}) {
            assertInstanceOf(FetchException.class, outcome, String.valueOf(outcome));
            FetchException failure = (FetchException) outcome;
            assertEquals(FailureKind.UNKNOWN_HOST, failure.kind(), failure.getMessage());
            assertTrue(failure.getMessage().contains("missing.example"), failure.getMessage());
        }
        assertEquals(2, lookups.get(), "a failed lookup was remembered instead of asked again");
    }

    @Test
    void anHttpProxysOwnNameIsLookedUpWithinTheConnectTimeout() throws Exception {
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        route(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved("held.example", 3128)));

        Object outcome = get("127.0.0.1", 300);

        assertTimedOutInTheHeldLookup(outcome, "through http proxy held.example:3128");
    }

    @Test
    void aSocksProxysOwnNameIsLookedUpWithinTheConnectTimeout() throws Exception {
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        route(new Proxy(Proxy.Type.SOCKS, InetSocketAddress.createUnresolved("held.example", 1080)));

        Object outcome = get("127.0.0.1", 300);

        assertTimedOutInTheHeldLookup(outcome, "through socks proxy held.example:1080");
    }

    @Test
    void aSocksTargetsNameIsLookedUpByTheProxyAndNotHere(@TempDir File dir) throws Exception {
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        server.enqueue(new MockResponse().setBody("found by the proxy"));
        try (ProxyDaemon microsocks = ProxyDaemon.microsocks(dir)) {
            route(microsocks.proxy);

            // This test's resolver knows no "localhost"; microsocks asks the system's, which does.
            Object outcome = get("localhost", A_MINUTE);

            assertInstanceOf(HttpResponse.class, outcome, String.valueOf(outcome));
            assertEquals("found by the proxy", ((HttpResponse) outcome).text());
            assertEquals(0, lookups.get(), "the server's name was looked up here as well as by the proxy");
        }
    }

    @Test
    void callersOfOneNameShareOneLookupAndAllGetItsAnswer() throws Exception {
        NameLookups names = new NameLookups(resolver, threadPerTask);
        int callers = 4;
        CountDownLatch waiting = new CountDownLatch(callers);
        @SuppressWarnings("unchecked")
        CompletableFuture<InetAddress[]>[] answers = new CompletableFuture[callers];
        for (int i = 0; i < callers; i++) {
            // Without a connect timeout: 0, or -1 (HttpRequest.DEFAULT) from a request sent straight to a transport.
            answers[i] = lookUpOnAThread(names, "held.example", i % 2 == 0 ? 0 : HttpRequest.DEFAULT,
                    new CountingAttempt(waiting));
        }
        assertTrue(waiting.await(30, TimeUnit.SECONDS), "not every caller began to wait");

        release.countDown();

        for (CompletableFuture<InetAddress[]> answer : answers) {
            assertArrayEquals(new byte[] {127, 0, 0, 1}, answer.get(30, TimeUnit.SECONDS)[0].getAddress());
        }
        assertEquals(1, lookups.get(), "each caller asked the resolver");
    }

    @Test
    void cancellingOneCallerEndsOnlyItsWaitAndTheLookupGoesOnForTheOthers() throws Exception {
        NameLookups names = new NameLookups(resolver, threadPerTask);
        CountDownLatch waiting = new CountDownLatch(2);
        CountingAttempt cancelled = new CountingAttempt(waiting);
        CompletableFuture<InetAddress[]> gone = lookUpOnAThread(names, "held.example", A_MINUTE, cancelled);
        CompletableFuture<InetAddress[]> kept = lookUpOnAThread(names, "held.example", A_MINUTE,
                new CountingAttempt(waiting));
        assertTrue(waiting.await(30, TimeUnit.SECONDS));

        cancelled.socket.close();

        ExecutionException ended = assertThrows(ExecutionException.class, () -> gone.get(30, TimeUnit.SECONDS));
        assertInstanceOf(HttpFailure.class, ended.getCause());
        assertEquals(FailureKind.CANCELLED, ((HttpFailure) ended.getCause()).kind());
        release.countDown();
        assertEquals(1, kept.get(30, TimeUnit.SECONDS).length);
        assertEquals(1, lookups.get());
    }

    @Test
    void ipLiteralsAreParsedOnTheCallersThreadWithoutWaiting() throws Exception {
        Thread caller = Thread.currentThread();
        NameLookups names = new NameLookups(host -> {
            assertSame(caller, Thread.currentThread(), "a literal was handed to another thread");
            return InetAddress.getAllByName(host);
        }, task -> {
            throw new AssertionError("a literal was handed to another thread");
        });

        assertEquals("127.0.0.1", names.addresses("127.0.0.1", A_MINUTE, new CountingAttempt(null))[0]
                .getHostAddress());
        assertEquals(16, names.addresses("::1", A_MINUTE, new CountingAttempt(null))[0].getAddress().length);
    }

    private static CompletableFuture<InetAddress[]> lookUpOnAThread(NameLookups names, String host,
            int timeoutMillis, CountingAttempt attempt) {
        CompletableFuture<InetAddress[]> answer = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                answer.complete(names.addresses(host, timeoutMillis, attempt));
            } catch (Throwable e) {
                answer.completeExceptionally(e);
            }
        }, "caller");
        t.setDaemon(true);
        t.start();
        return answer;
    }

    /** Keeps the socket a caller is told of, and counts the caller as waiting then. */
    private static final class CountingAttempt implements Connector.Attempt {
        private final CountDownLatch waiting;
        volatile Socket socket;

        CountingAttempt(CountDownLatch waiting) {
            this.waiting = waiting;
        }

        @Override
        public void opening(Socket s) {
            socket = s;
            if (waiting != null) {
                waiting.countDown();
            }
        }

        @Override
        public void connecting(boolean connecting) {
        }
    }
}
