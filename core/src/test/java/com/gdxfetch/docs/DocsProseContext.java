package com.gdxfetch.docs;

import com.badlogic.gdx.files.FileHandle;
import com.gdxfetch.net.EventStreamListener;
import com.gdxfetch.net.HttpRequest;
import com.gdxfetch.net.ItemCallback;
import com.gdxfetch.net.LineDecoder;
import com.gdxfetch.net.ResponseDecoder;
import com.gdxfetch.net.WebSocketListener;
import com.gdxfetch.net.WebSocketRequest;
import javax.net.ssl.SSLContext;

/**
 * The names the guides' prose uses as placeholders in the calls it writes inline, each with the
 * type the call expects. A name the prose uses for two kinds of thing (a {@code listener} of a
 * WebSocket or of an event stream) has a type that is both, so either call compiles.
 */
@SuppressWarnings("rawtypes")
public abstract class DocsProseContext extends DocsContext {
    protected String hex;
    protected int n;
    protected int priority;
    protected int maxLineBytes;
    protected byte[] data;
    protected Runnable runnable;
    protected Class type;
    protected FileHandle file;
    protected FileHandle fileHandle;
    protected FileHandle folder;
    protected SSLContext sslContext;
    protected SSLContext context;
    protected HttpRequest request;
    protected WebSocketRequest webSocketRequest;
    protected Decoder decoder;
    protected ItemCallback callback;
    protected ItemCallback itemCallback;
    protected Listener listener;

    /** A score type, as the guides' JSON examples name it. */
    public static class Score {
        public String name;
        public int points;
    }

    /** The leaderboard type the README's prose decodes into. */
    public static class Leaderboard {
        public Score[] top;
    }

    /** A decoder for either kind of call: a whole response or one line at a time. */
    public abstract static class Decoder implements ResponseDecoder, LineDecoder {
    }

    /** A listener for either kind of channel. */
    public abstract static class Listener implements WebSocketListener, EventStreamListener {
    }
}
