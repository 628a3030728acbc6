package com.gdxfetch.example.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

    @Test
    void theChildKeepsTheLauncherOptionsAndArgumentsAndAddsThePriorityOptions() {
        List<String> command = PriorityRelaunch.childCommand("/jdk/bin/java", List.of("-Xmx1g"), false,
                "com.example.Game", new String[] {"--frames", "60"});
        assertEquals("/jdk/bin/java", command.get(0));
        assertTrue(command.containsAll(PriorityRelaunch.OPTIONS));
        assertTrue(command.contains("-Xmx1g"));
        assertEquals(List.of("com.example.Game", "--frames", "60"), command.subList(command.size() - 3, command.size()));
        assertFalse(command.stream().anyMatch(PriorityRelaunch.ROOT_OPTIONS::contains),
                "a player's JVM cannot raise priorities, so it needs no mapping back to normal");
    }

    @Test
    void asRootTheChildKeepsTheJvmsOwnThreadsAtNormalPriority() {
        List<String> command = PriorityRelaunch.childCommand("/jdk/bin/java", List.of(), true,
                "com.example.Game", new String[0]);
        assertTrue(command.containsAll(PriorityRelaunch.ROOT_OPTIONS));
        assertTrue(command.indexOf(PriorityRelaunch.ROOT_OPTIONS.get(0)) < command.indexOf("com.example.Game"),
                "JVM options must come before the main class");
    }
}
