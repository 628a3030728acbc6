package com.gdxfetch.net;

/**
 * Turns a response into the value a game wants, on a worker thread, so parsing never costs a
 * frame. Anything it throws becomes a {@link FailureKind#DECODE} failure. Built-ins are in
 * {@link Decoders}; a lambda works too.
 */
@FunctionalInterface
public interface ResponseDecoder<T> {
    /** Decodes {@code response}; called on a worker thread, never on the render thread. */
    T decode(HttpResponse response) throws Exception;
}
