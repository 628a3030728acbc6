package com.gdxfetch.net.internal;

import com.badlogic.gdx.utils.Json;
import com.badlogic.gdx.utils.JsonReader;
import com.badlogic.gdx.utils.JsonValue;
import com.gdxfetch.internal.Texts;

/**
 * The browser's JSON bodies: libGDX's own {@code Json} reads the text (its reflection works on the
 * web for the classes the game's module lists in {@code gdx.reflect.include}); the desktop's
 * reflection-based binder does not exist in GWT. The text is decoded as {@link BodyText} reads
 * {@code encoding}, as on desktop. Update thread.
 */
public final class JsonBodies {
    private JsonBodies() {
    }

    public static <T> T read(Json json, Class<T> type, Class<?> elementType, byte[] body, String encoding) {
        return json.readValue(type, elementType, JsonDepth.check(parse(body, encoding)));
    }

    public static JsonValue parse(byte[] body, String encoding) {
        return new JsonReader().parse(Texts.withoutByteOrderMark(BodyText.decode(body, encoding)));
    }
}
