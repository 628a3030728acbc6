package com.gdxfetch.image.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The decode slot an image decode takes is given back on every path. A slot lost for good would
 * leave, after a few such failures, every later image waiting forever for a slot.
 */
class DecodeSlotTest {
    @Test
    void aDecodeWhoseBufferCannotBeAllocatedGivesItsSlotBack() throws Exception {
        // A child JVM, so that libGDX's natives are surely not loaded: the buffer's allocation
        // then throws, where this suite's JVM may already have them from another test.
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process child = new ProcessBuilder(java, "-XX:-UsePerfData", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), DecodeSlotChild.class.getName())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line = out.readLine();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            assertEquals("java.lang.UnsatisfiedLinkError 1", line,
                    "the allocation threw, and the one slot is free again");
        } finally {
            child.destroyForcibly();
        }
    }
}
