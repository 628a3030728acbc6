package com.gdxfetch.bench;

/**
 * One way a game fetches JSON, driven by the frame benchmark's loop: each frame it sends the
 * requests it is told to and turns whatever has arrived into objects.
 */
interface FrameClient extends AutoCloseable {
    /** The name in frame.json. */
    String name();

    /** One frame's networking, on the loop thread: send {@code newRequests} to {@code url}, handle arrivals. */
    void frame(String url, int newRequests) throws Exception;

    /** Responses parsed into objects and handed to the game so far. */
    int parsed();

    /** Responses that failed instead (a game would lose them). */
    int failed();

    /** A checksum over everything parsed, so no work can be skipped. */
    long checksum();

    @Override
    void close();
}
