package com.gdxfetch.net.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.gdxfetch.net.FailureKind;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Racing a host's addresses over loopback: 127.0.0.1 takes connections, other 127.x addresses at
 * the same port refuse them, or, behind a listener whose queue is full, never answer.
 */
class AddressRaceTest {
    private static final int A_MINUTE = 60_000;
    private ServerSocket live;
    private final List<AutoCloseable> held = new ArrayList<>();
    private final Executor threadPerTask = task -> {
        Thread t = new Thread(task, "race-attempt");
        t.setDaemon(true);
        t.start();
    };

    @BeforeEach
    void listen() throws IOException {
        live = new ServerSocket(0, 8, InetAddress.getByName("127.0.0.1"));
        held.add(live);
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : held) {
            c.close();
        }
    }

    @Test
    void theFamiliesAlternateStartingWithTheResolversFirst() throws Exception {
        InetAddress v6a = InetAddress.getByName("2001:db8::1");
        InetAddress v6b = InetAddress.getByName("2001:db8::2");
        InetAddress v4a = InetAddress.getByName("192.0.2.1");
        InetAddress v4b = InetAddress.getByName("192.0.2.2");
        InetAddress v4c = InetAddress.getByName("192.0.2.3");
        assertArrayEquals(new InetAddress[] {v6a, v4a, v6b, v4b, v4c},
                AddressRace.interleaved(new InetAddress[] {v6a, v6b, v4a, v4b, v4c}));
        assertArrayEquals(new InetAddress[] {v4a, v6a, v4b, v6b},
                AddressRace.interleaved(new InetAddress[] {v4a, v4b, v6a, v6b}));
        assertArrayEquals(new InetAddress[] {v4a, v4b}, AddressRace.interleaved(new InetAddress[] {v4a, v4b}));
    }

    @Test
    void anAddressThatAnswersWinsWhileTheFirstStillWaits() throws Exception {
        silentListener("127.0.0.3");
        Socket won = race(threadPerTask, "127.0.0.3", "127.0.0.1").run();
        held.add(won);
        assertEquals(InetAddress.getByName("127.0.0.1"), won.getInetAddress());
        assertTrue(won.isConnected() && won.getTcpNoDelay());
    }

    @Test
    void aRefusedAddressHandsOverToTheNextWithoutAnotherThread() throws Exception {
        Executor refusing = task -> {
            throw new RejectedExecutionException("no threads");
        };
        Socket won = race(refusing, "127.0.0.2", "127.0.0.4", "127.0.0.1").run();
        held.add(won);
        assertEquals(InetAddress.getByName("127.0.0.1"), won.getInetAddress());
    }

    @Test
    void everyAddressRefusingFailsWithTheFirstOnesFailureTheOthersSuppressed() throws Exception {
        IOException e = assertThrows(IOException.class, () -> race(threadPerTask, "127.0.0.2", "127.0.0.4").run());
        assertInstanceOf(ConnectException.class, e);
        assertEquals(1, e.getSuppressed().length);
        assertInstanceOf(ConnectException.class, e.getSuppressed()[0]);
    }

    @Test
    void cancelEndsARaceWhoseAddressesNeverAnswer() throws Exception {
        silentListener("127.0.0.3");
        silentListener("127.0.0.5");
        CountDownLatch secondStarted = new CountDownLatch(1);
        Executor counting = task -> threadPerTask.execute(() -> {
            secondStarted.countDown();
            task.run();
        });
        AddressRace race = race(counting, "127.0.0.3", "127.0.0.5");
        CompletableFuture<Socket> outcome = CompletableFuture.supplyAsync(() -> {
            try {
                return race.run();
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        assertTrue(secondStarted.await(10, TimeUnit.SECONDS));
        race.cancel();
        ExecutionException e = assertThrows(ExecutionException.class, () -> outcome.get(10, TimeUnit.SECONDS));
        HttpFailure cancelled = assertInstanceOf(HttpFailure.class, e.getCause().getCause());
        assertEquals(FailureKind.CANCELLED, cancelled.kind());
    }

    @Test
    void addressesThatNeverAnswerEndTheRaceAtTheConnectTimeoutNotOneTimeoutPerAddress() throws Exception {
        String[] silent = {"127.0.0.3", "127.0.0.5", "127.0.0.6", "127.0.0.7", "127.0.0.8", "127.0.0.9"};
        for (String address : silent) {
            silentListener(address);
        }
        AtomicInteger started = new AtomicInteger(1);
        Executor counting = task -> threadPerTask.execute(() -> {
            started.incrementAndGet();
            task.run();
        });

        // 250 ms apart, six addresses would take 1.25 s to start and each another 300 ms to time out.
        IOException e = assertThrows(IOException.class, () -> race(counting, 300, silent).run());

        assertInstanceOf(SocketTimeoutException.class, e);
        assertTrue(e.getMessage().contains("within the connect timeout of 300 ms"), e.getMessage());
        assertTrue(started.get() < silent.length, "every address was tried: " + started.get()
                + " attempts began, at least one after the connect timeout had passed");
    }

    private AddressRace race(Executor threads, String... addresses) throws IOException {
        return race(threads, A_MINUTE, addresses);
    }

    private AddressRace race(Executor threads, int timeoutMillis, String... addresses) throws IOException {
        InetAddress[] resolved = new InetAddress[addresses.length];
        for (int i = 0; i < addresses.length; i++) {
            resolved[i] = InetAddress.getByName(addresses[i]);
        }
        return new AddressRace(resolved, live.getLocalPort(), timeoutMillis, threads);
    }

    /** A listener at the live port on {@code address} that never accepts, its queue full, so connection attempts go unanswered. */
    private void silentListener(String address) throws IOException {
        ServerSocket silent = new ServerSocket(live.getLocalPort(), 1, InetAddress.getByName(address));
        held.add(silent);
        for (int i = 0; i < 8; i++) {
            Socket s = new Socket();
            held.add(s);
            try {
                s.connect(new InetSocketAddress(address, live.getLocalPort()), 300);
            } catch (SocketTimeoutException full) {
                return;
            }
        }
        throw new IllegalStateException("the listener's queue never filled");
    }
}
