package com.gdxfetch.net;

import java.util.ArrayList;
import java.util.List;

/** Looks for the library's threads still alive. */
final class Threads {
    private Threads() {
    }

    static List<String> aliveFetchThreads() {
        List<String> names = new ArrayList<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.isAlive() && thread.getName().startsWith("gdx-fetch")) {
                names.add(thread.getName());
            }
        }
        return names;
    }

    /**
     * The stacks of the library's threads, and of the test servers' connections they talk to, for
     * a failure message when a wait gives up.
     */
    static String fetchThreadStacks() {
        StringBuilder dump = new StringBuilder();
        for (java.util.Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
            String name = e.getKey().getName();
            if (!name.startsWith("gdx-fetch") && !name.startsWith("raw-server-connection")) {
                continue;
            }
            dump.append('\n').append(e.getKey().getName()).append(' ').append(e.getKey().getState());
            for (StackTraceElement frame : e.getValue()) {
                dump.append("\n    at ").append(frame);
            }
        }
        return dump.length() == 0 ? "\n(no gdx-fetch thread)" : dump.toString();
    }
}
