package com.gdxfetch.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.locks.LockSupport;

/**
 * What waking a parked thread costs on this machine at the moment, recorded beside the figures it
 * moves. A closed loop at c=1 crosses threads on every request, and a frame that sends wakes I/O
 * threads; on a virtual machine each wake-up of an idle vCPU costs what the hypervisor makes it cost,
 * which depends on whether the guest's idle vCPU polls before it halts (Linux's haltpoll cpuidle
 * driver: {@code guest_halt_poll_ns}, 0 halting at once). Measured as a round trip between two
 * threads, each parking until the other unparks it: a loose gauge, since two threads trading turns
 * without a pause keep both cores busier than a loop that idles between hand-offs.
 */
final class WakeUpCost {
    private static final int WARM_UP_ROUND_TRIPS = 500;
    private static final int ROUND_TRIPS = 2_000;
    private static final Path CPUIDLE_DRIVER = Paths.get("/sys/devices/system/cpu/cpuidle/current_driver");
    private static final Path GUEST_HALT_POLL_NS = Paths.get("/sys/module/haltpoll/parameters/guest_halt_poll_ns");

    private volatile boolean echoTurn;

    private WakeUpCost() {
    }

    /**
     * The median and p90 round trip in microseconds, with the cpuidle driver and the guest's halt
     * polling where Linux exposes them ("unknown" where it does not).
     */
    static JsonOut measure() throws InterruptedException {
        double[] micros = new WakeUpCost().roundTrips();
        return new JsonOut()
                .put("park_unpark_round_trip_us_median", Stats.median(micros))
                .put("park_unpark_round_trip_us_p90", Stats.percentile(micros, 90))
                .put("cpuidle_driver", read(CPUIDLE_DRIVER))
                .put("guest_halt_poll_ns", read(GUEST_HALT_POLL_NS));
    }

    private double[] roundTrips() throws InterruptedException {
        Thread caller = Thread.currentThread();
        int total = WARM_UP_ROUND_TRIPS + ROUND_TRIPS;
        Thread echo = new Thread(() -> {
            for (int i = 0; i < total; i++) {
                while (!echoTurn) {
                    LockSupport.park(this);
                }
                echoTurn = false;
                LockSupport.unpark(caller);
            }
        }, "bench-wake-up-echo");
        echo.setDaemon(true);
        echo.start();
        double[] micros = new double[ROUND_TRIPS];
        for (int i = 0; i < total; i++) {
            long start = System.nanoTime();
            echoTurn = true;
            LockSupport.unpark(echo);
            while (echoTurn) {
                LockSupport.park(this);
            }
            if (i >= WARM_UP_ROUND_TRIPS) {
                micros[i - WARM_UP_ROUND_TRIPS] = (System.nanoTime() - start) / 1e3;
            }
        }
        echo.join();
        return micros;
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.US_ASCII).trim();
        } catch (IOException | SecurityException e) {
            return "unknown";
        }
    }
}
