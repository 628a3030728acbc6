package com.gdxfetch.net.internal;

import com.badlogic.gdx.Net;
import com.badlogic.gdx.net.NetJavaImpl;
import com.badlogic.gdx.utils.ObjectMap;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.HttpURLConnection;

/**
 * The monitor to hold while calling {@link Net#sendHttpRequest} or {@link Net#cancelHttpRequest}
 * on a given {@link Net}.
 *
 * <p>Why: libGDX's desktop, headless and Android backends delegate to a {@link NetJavaImpl}, whose
 * pool threads remove finished requests from its maps while holding its monitor. In libGDX 1.14.2
 * {@code sendHttpRequest} puts into one of those maps ({@code tasks}) without holding it, and
 * {@code cancelHttpRequest} reads it without holding it. A send that races a pool thread's removal
 * can corrupt the map: we have seen a pool thread loop in {@code ObjectMap.remove} for good and
 * requests never answered. And a request whose pool thread finishes before the send's own put stays
 * in the map for good. Sending and cancelling under that monitor rules out both.
 *
 * <p>The backend keeps its {@code NetJavaImpl} in a field, read here by reflection. Where there is
 * none or it cannot be read (another backend, a wrapper, a strict module setup), the {@code Net}
 * itself is the monitor: sends through this library then at least never race each other.
 *
 * <p>Any thread. The lookup reflects over the backend's fields, so callers keep its answer.
 */
public final class NetJavaImplMonitor {
    private NetJavaImplMonitor() {
    }

    /** The monitor guarding {@code net}'s request maps; {@code net} itself when none can be found. */
    public static Object of(Net net) {
        for (Class<?> type = net.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (NetJavaImpl.class.isAssignableFrom(field.getType()) && !Modifier.isStatic(field.getModifiers())) {
                    Object impl = read(field, net);
                    if (impl != null) {
                        return impl;
                    }
                }
            }
        }
        return net;
    }

    /**
     * The {@code HttpURLConnection} that {@code monitor}, a {@code NetJavaImpl} found by
     * {@link #of}, has opened for {@code request}; null when {@code monitor} is no
     * {@code NetJavaImpl}, its connections cannot be read, or it has none for the request. Only
     * while {@code sendHttpRequest} files the request, on the sending thread, holding the monitor.
     */
    static HttpURLConnection connectionOf(Object monitor, Net.HttpRequest request) {
        if (!(monitor instanceof NetJavaImpl)) {
            return null;
        }
        try {
            Field field = NetJavaImpl.class.getDeclaredField("connections");
            field.setAccessible(true);
            Object connections = field.get(monitor);
            @SuppressWarnings("unchecked")
            Object connection = connections instanceof ObjectMap
                    ? ((ObjectMap<Object, Object>) connections).get(request) : null;
            return connection instanceof HttpURLConnection ? (HttpURLConnection) connection : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            // Another libGDX version, or not readable here: the connection stays as Gdx.net made it.
            return null;
        }
    }

    private static Object read(Field field, Net net) {
        try {
            field.setAccessible(true);
            return field.get(net);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // Not readable here (a module that does not open its package, a security manager):
            // fall back to the Net itself.
            return null;
        }
    }
}
