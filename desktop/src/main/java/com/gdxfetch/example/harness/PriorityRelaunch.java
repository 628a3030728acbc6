package com.gdxfetch.example.harness;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Launcher harness, not gameplay: makes a plain {@code java -jar} on Linux run the game the way the README asks Linux games to:
 * in a JVM that applies thread priorities, so gdx-fetch's workers yield to the render thread.
 * HotSpot cannot switch that on once started, so the launcher starts the game again in a child
 * JVM with the options added and exits with its exit code. A packaged game would put the options
 * in its launcher configuration instead.
 */
public final class PriorityRelaunch {
    /** The JVM options that make Linux apply Java thread priorities, MIN_PRIORITY as nice 19. */
    static final List<String> OPTIONS = List.of("-XX:ThreadPriorityPolicy=1", "-XX:JavaPriority1_To_OSPriority=19");
    /**
     * Added for a launcher run as root, where {@link #OPTIONS} would also raise the JVM's compiler
     * and GC threads above the render thread (a player's JVM cannot raise them, so they stay at 0).
     */
    static final List<String> ROOT_OPTIONS = List.of("-XX:JavaPriority6_To_OSPriority=0",
            "-XX:JavaPriority7_To_OSPriority=0", "-XX:JavaPriority8_To_OSPriority=0",
            "-XX:JavaPriority9_To_OSPriority=0", "-XX:JavaPriority10_To_OSPriority=0");
    /** Set in the child's environment, so it never relaunches again. */
    private static final String CHILD_MARK = "NIGHT_SHIFT_RELAUNCHED";

    private PriorityRelaunch() {
    }

    /** True when this JVM applies thread priorities: on Linux only with {@link #OPTIONS}. */
    public static boolean prioritiesApplied() {
        return !isLinux() || ManagementFactory.getRuntimeMXBean().getInputArguments().containsAll(OPTIONS);
    }

    /**
     * Runs the game in a child JVM with {@link #OPTIONS} when this one lacks them, on the main
     * thread, waiting for it to end.
     *
     * @return the child's exit code, or empty when the game should run in this JVM (priorities
     *     already applied, not Linux, a debugger attached, or the child could not be started)
     */
    public static OptionalInt runInChildIfNeeded(Class<?> mainClass, String[] args) {
        if (System.getenv(CHILD_MARK) != null) {
            stopWhenTheParentDies();
            return OptionalInt.empty();
        }
        Optional<String> java = ProcessHandle.current().info().command();
        List<String> jvmOptions = ManagementFactory.getRuntimeMXBean().getInputArguments();
        if (prioritiesApplied() || java.isEmpty() || underDebugger(jvmOptions)) {
            return OptionalInt.empty();
        }
        List<String> command = childCommand(java.get(), jvmOptions, "root".equals(System.getProperty("user.name")),
                mainClass.getName(), args);
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().put(CHILD_MARK, "1");
        try {
            Process child = builder.start();
            // Ctrl+C or a kill of this launcher ends the game too.
            Runtime.getRuntime().addShutdownHook(new Thread(child::destroy, "night-shift-child-stop"));
            return OptionalInt.of(child.waitFor());
        } catch (IOException e) {
            System.err.println("could not start the game with " + OPTIONS + " (" + e.getMessage()
                    + "); running it here, with thread priorities ignored");
            return OptionalInt.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalInt.of(130);
        }
    }

    /** The child JVM's command line: this JVM's options plus {@link #OPTIONS}, and {@link #ROOT_OPTIONS} as root. */
    static List<String> childCommand(String java, List<String> jvmOptions, boolean root, String mainClass,
            String[] args) {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(OPTIONS);
        if (root) {
            command.addAll(ROOT_OPTIONS);
        }
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(List.of(args));
        return command;
    }

    /**
     * A debugger attached to this JVM (an IDE's run of the launcher): a child given the same
     * options would try to open the same debug port and fail, and the breakpoints would be in the
     * wrong process, so the game runs here.
     */
    static boolean underDebugger(List<String> jvmOptions) {
        for (String option : jvmOptions) {
            if (option.startsWith("-agentlib:jdwp") || option.startsWith("-Xrunjdwp")) {
                return true;
            }
        }
        return false;
    }

    /** A child whose launcher was killed outright (no shutdown hook ran) must not live on. */
    private static void stopWhenTheParentDies() {
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit()
                .thenRun(() -> Runtime.getRuntime().halt(1)));
    }

    private static boolean isLinux() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
    }
}
