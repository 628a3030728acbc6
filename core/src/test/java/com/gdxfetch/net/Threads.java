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
}
