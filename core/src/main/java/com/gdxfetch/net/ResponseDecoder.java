package com.gdxfetch.net;

/**
 * Turns a response into the value a game wants, on a worker thread, so parsing never costs a
 * frame. Anything it throws becomes a {@link FailureKind#DECODE} failure. Built-ins are in
 * {@link Decoders}; a lambda works too.
 *
 * <p>A result that is a libGDX {@code Disposable} (a {@code Pixmap}) belongs to the game once
 * {@code onSuccess} gets it. When a cancel, a timeout or {@code dispose()} ends the request while
 * it is being decoded, no callback gets it, and the manager disposes it: on the thread that calls
 * {@code update()}, or, once the manager is disposed, on the worker that decoded it. Make only
 * values that may be disposed off the render thread here (a {@code Pixmap}, not a {@code Texture}).
 */
@FunctionalInterface
public interface ResponseDecoder<T> {
    /** Decodes {@code response}; called on a worker thread, never on the render thread. */
    T decode(HttpResponse response) throws Exception;
}
