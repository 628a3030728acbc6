package com.gdxfetch.net.internal;

import com.badlogic.gdx.utils.JsonValue;
import com.badlogic.gdx.utils.SerializationException;

/**
 * A bound on how deeply a JSON document read into objects may nest. libGDX parses any depth
 * without recursion, but {@code Json.readValue} recurses once per level, so a body of a few
 * hundred kilobytes of brackets overflows the decoding thread's stack; measured on the tree first,
 * it fails with a message instead. Any thread.
 */
public final class JsonDepth {
    /** Levels of objects and arrays allowed; far beyond any game API, well within a worker's stack. */
    public static final int MAX = 512;

    private JsonDepth() {
    }

    /**
     * Returns {@code root} (null for a document libGDX reads as nothing) if it nests at most
     * {@link #MAX} levels.
     *
     * @throws SerializationException naming the limit otherwise
     */
    public static JsonValue check(JsonValue root) {
        if (root == null) {
            return null;
        }
        JsonValue value = root;
        // Objects and arrays around value: an empty one has no child, so each is counted as a
        // level by itself, not by its children's depth.
        int depth = 0;
        while (true) {
            if (depth >= MAX && (value.isObject() || value.isArray())) {
                throw new SerializationException("JSON nests deeper than " + MAX + " levels");
            }
            if (value.child != null) {
                value = value.child;
                depth++;
                continue;
            }
            while (depth > 0 && value.next == null) {
                value = value.parent;
                depth--;
            }
            if (depth == 0) {
                return root;
            }
            value = value.next;
        }
    }
}
