package com.gdxfetch.net.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.gdxfetch.net.FetchManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A channel's one terminal event reaches the game inside dispose(), whichever thread ended it. */
class ChannelQueueTest {
    @Test
    void aChannelEndedByAnotherThreadJustBeforeDisposeHasItsTerminalEventDeliveredInsideDispose() throws Exception {
        FetchManager fetch = new FetchManager();
        HeldChannel channel = new HeldChannel(EngineTimersTest.engineOf(fetch).channels());
        // Another thread ends the channel and is descheduled before its terminal event is published.
        Thread ender = new Thread(() -> channel.endWith(new Terminal(channel, "closed by the game")), "ender");
        ender.start();
        assertEquals(true, channel.markingClosed.await(10, TimeUnit.SECONDS));

        List<String> insideDispose = new ArrayList<>();
        Thread disposer = new Thread(() -> {
            fetch.dispose();
            insideDispose.addAll(channel.delivered);
        }, "disposer");
        disposer.start();
        // The ender resumes once dispose() either waits for it or has finished without it.
        while (disposer.isAlive() && !waitsOnTheChannel(disposer)) {
            Thread.onSpinWait();
        }
        channel.resume.countDown();
        ender.join(10_000);
        disposer.join(10_000);

        assertEquals(List.of("closed by the game"), insideDispose, "terminal events delivered inside dispose()");
        fetch.update();
        assertEquals(List.of("closed by the game"), channel.delivered, "terminal events delivered in all");
    }

    private static boolean waitsOnTheChannel(Thread thread) {
        if (thread.getState() != Thread.State.BLOCKED) {
            return false;
        }
        StackTraceElement[] stack = thread.getStackTrace();
        return stack.length > 0 && stack[0].getClassName().equals(LiveChannel.class.getName());
    }

    /** A channel whose first marking as closed waits until the test lets it go on. */
    private static final class HeldChannel extends LiveChannel {
        final CountDownLatch markingClosed = new CountDownLatch(1);
        final CountDownLatch resume = new CountDownLatch(1);
        final List<String> delivered = new ArrayList<>();

        HeldChannel(Channels channels) {
            super(channels);
            channels.register(this);
        }

        @Override
        void markClosed() {
            markingClosed.countDown();
            try {
                resume.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public String url() {
            return "ws://held.example/";
        }

        @Override
        public void cancel() {
            endWith(new Terminal(this, "cancelled"));
        }

        @Override
        void dispatch(Event event) {
            delivered.add(((Terminal) event).name);
        }
    }

    private static final class Terminal extends LiveChannel.Event {
        final String name;

        Terminal(LiveChannel channel, String name) {
            super(channel);
            this.name = name;
        }

        @Override
        boolean isTerminal() {
            return true;
        }
    }
}
