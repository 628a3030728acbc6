package com.gdxfetch.example;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** When the launcher may run the game again in a JVM that applies thread priorities. */
class PriorityRelaunchTest {
    @Test
    void aLauncherStartedUnderADebuggerKeepsTheGameInItsOwnJvm() {
        assertTrue(PriorityRelaunch.underDebugger(
                List.of("-Xmx1g", "-agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=5005")));
        assertTrue(PriorityRelaunch.underDebugger(List.of("-Xrunjdwp:transport=dt_socket,address=5005")));
        assertFalse(PriorityRelaunch.underDebugger(List.of("-Xmx1g", "-Dgame.name=night-shift")));
    }
}
