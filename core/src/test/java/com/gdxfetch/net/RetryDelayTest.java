package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Retry delays at the edges of a long: they saturate, never wrap round to an immediate retry. */
class RetryDelayTest {
    @Test
    void aRetryAfterInSecondsTooLargeForMillisecondsEndsTheRetriesInsteadOfRetryingAtOnce() {
        RetryPolicy policy = RetryPolicy.builder().jitter(0).build();
        // 9,223,372,036,854,776 s is one more second than a long of milliseconds holds.
        assertEquals(-1, policy.delayMillis(1, "9223372036854776", 0, 0));
        assertEquals(-1, policy.delayMillis(1, "99999999999999999999", 0, 0));
        assertEquals(-1, policy.delayMillis(1, "61", 0, 0));
        assertEquals(60_000, policy.delayMillis(1, "60", 0, 0));
    }

    @Test
    void aRetryAfterThatIsNotOnlyDigitsIsIgnoredRatherThanReadAsANumber() {
        // RFC 9110 10.2.3: delay-seconds = 1*DIGIT; anything else is neither a delay nor a date.
        RetryPolicy policy = RetryPolicy.builder().jitter(0).build();
        for (String invalid : new String[] {"+5", "-5", "5.5", "5s", "0x5", "\u0665", "+99999999999999999999"}) {
            assertEquals(250, policy.delayMillis(1, invalid, 0, 0), "Retry-After '" + invalid + "'");
        }
        assertEquals(5_000, policy.delayMillis(1, " 5 ", 0, 0), "whitespace around a field value is not part of it");
        assertEquals(5_000, policy.delayMillis(1, "005", 0, 0));
    }

    @Test
    void aRetryAfterOfAnyLengthIsHonouredWhenThePolicyAcceptsAnyWait() {
        RetryPolicy policy = RetryPolicy.builder().jitter(0).maxRetryAfterMillis(Long.MAX_VALUE).build();
        assertEquals(Long.MAX_VALUE, policy.delayMillis(1, "9223372036854776", 0, 0));
    }

    @Test
    void aLongBackoffDoublingPastALongStaysAtItsCap() {
        RetryPolicy policy = RetryPolicy.builder().maxAttempts(64).baseDelayMillis(1L << 40)
                .maxDelayMillis(Long.MAX_VALUE).jitter(0).build();
        assertEquals(1L << 40, policy.delayMillis(1, null, 0, 0));
        assertEquals(Long.MAX_VALUE, policy.delayMillis(30, null, 0, 0));
    }
}
