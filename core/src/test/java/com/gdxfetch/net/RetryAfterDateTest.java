package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

/** Retry-After as an HTTP date, in each of the three forms RFC 9110 section 5.6.7 has recipients accept. */
class RetryAfterDateTest {
    /** No backoff of its own, so the delay is the server's alone. */
    private final RetryPolicy policy = RetryPolicy.builder().baseDelayMillis(0).maxDelayMillis(0)
            .maxRetryAfterMillis(Long.MAX_VALUE).build();

    /** 1994-11-06 08:49:37 GMT, the RFC's example, in epoch milliseconds. */
    private static long rfcExample() {
        GregorianCalendar calendar = new GregorianCalendar(TimeZone.getTimeZone("GMT"));
        calendar.clear();
        calendar.set(1994, Calendar.NOVEMBER, 6, 8, 49, 37);
        return calendar.getTimeInMillis();
    }

    private long delayFor(String retryAfter, long nowMillis) {
        return policy.delayMillis(1, retryAfter, 0, nowMillis);
    }

    @Test
    void anImfFixdateIsTheTimeUntilThatDate() {
        assertEquals(5_000, delayFor("Sun, 06 Nov 1994 08:49:37 GMT", rfcExample() - 5_000));
    }

    @Test
    void theObsoleteRfc850FormIsAccepted() {
        assertEquals(5_000, delayFor("Sunday, 06-Nov-94 08:49:37 GMT", rfcExample() - 5_000));
    }

    @Test
    void anRfc850TwoDigitYearIsReadWithinFiftyYearsOfNow() {
        long now = System.currentTimeMillis();
        GregorianCalendar calendar = new GregorianCalendar(TimeZone.getTimeZone("GMT"));
        calendar.setTimeInMillis(now + 10_000);
        String date = String.format(java.util.Locale.US, "%1$tA, %1$td-%1$tb-%1$ty %1$tH:%1$tM:%1$tS GMT", calendar);
        long delay = delayFor(date, now);
        assertEquals(true, delay > 8_000 && delay <= 10_000, date + " gave " + delay + " ms");
    }

    @Test
    void theAsctimeFormIsAcceptedWithItsPaddedDay() {
        assertEquals(5_000, delayFor("Sun Nov  6 08:49:37 1994", rfcExample() - 5_000));
        assertEquals(5_000 + 10 * 86_400_000L, delayFor("Wed Nov 16 08:49:37 1994", rfcExample() - 5_000));
    }

    @Test
    void aDateInThePastMeansRetryAtOnce() {
        assertEquals(0, delayFor("Sun, 06 Nov 1994 08:49:37 GMT", rfcExample() + 60_000));
    }

    @Test
    void secondsAreStillSeconds() {
        assertEquals(120_000, delayFor("120", 0));
    }

    @Test
    void badInputIsIgnoredRatherThanThrown() {
        String[] bad = {
            "soon", "Sun, 06 Nov 1994 08:49:37", "Sun, 06 Nov 1994 08:49:37 GMT trailing", "Sun, 32 Nov 1994 08:49:37 GMT",
            "Sun, 06 Foo 1994 08:49:37 GMT", "Sun, 06 Nov 1994 25:49:37 GMT", "06 Nov 1994", "-", "\u0000", " ",
        };
        for (String value : bad) {
            assertEquals(0, delayFor(value, rfcExample() - 5_000), "'" + value + "'");
        }
    }

    @Test
    void datesAreParsedCorrectlyFromManyThreadsAtOnce() throws Exception {
        Thread[] threads = new Thread[4];
        java.util.concurrent.atomic.AtomicInteger wrong = new java.util.concurrent.atomic.AtomicInteger();
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 2_000; i++) {
                    if (delayFor("Sun, 06 Nov 1994 08:49:37 GMT", rfcExample() - i) != i) {
                        wrong.incrementAndGet();
                    }
                }
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(0, wrong.get());
    }
}
