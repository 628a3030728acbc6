package com.gdxfetch.net.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The arithmetic by which a streamed body's line buffer grows toward the line decoder's limit. */
class ItemStreamTest {
    @Test
    void aLineBufferThatCannotGrowAnyMoreSaysSoInsteadOfReturningItsOwnSize() {
        // A limit near Integer.MAX_VALUE: past the largest array there is no room, which must end
        // the line as too large rather than "grow" to the same size and write past its end.
        assertEquals(-1, ItemStream.grownLineSize(Integer.MAX_VALUE - 8, Integer.MAX_VALUE));
        assertEquals(-1, ItemStream.grownLineSize(Integer.MAX_VALUE - 8, Integer.MAX_VALUE - 8));
        assertEquals(Integer.MAX_VALUE - 8, ItemStream.grownLineSize(1 << 30, Integer.MAX_VALUE));
        assertEquals(512, ItemStream.grownLineSize(256, Integer.MAX_VALUE));
        assertEquals(301, ItemStream.grownLineSize(256, 300));
    }
}
