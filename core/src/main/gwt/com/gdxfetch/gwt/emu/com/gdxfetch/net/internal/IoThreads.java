package com.gdxfetch.net.internal;

/** The browser has no I/O threads: what the engine tells them is nothing to anyone. */
final class IoThreads {
    private IoThreads() {
    }

    static void currentTaskEnding() {
    }
}
