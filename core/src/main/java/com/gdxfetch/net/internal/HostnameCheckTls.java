package com.gdxfetch.net.internal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocket;

/**
 * TLS where {@code SSLParameters} has neither SNI nor endpoint identification (Android before
 * API 24). SNI goes through the socket's own public {@code setHostname(String)}, which Android's
 * sockets have had since API 9 and desktop sockets lack (they send SNI from the host given to
 * {@code createSocket}); the certificate is checked against the host name once the handshake
 * is done, before any request byte is written.
 */
final class HostnameCheckTls extends TlsPlatform {
    /** The socket class last seen and its {@code setHostname}, or null; {class, method}. */
    private volatile Object[] setter;

    @Override
    void beforeHandshake(SSLSocket socket, String host) {
        String sni = sniName(host);
        if (sni == null) {
            return;
        }
        Method setHostname = hostnameSetter(socket.getClass());
        if (setHostname != null) {
            try {
                setHostname.invoke(socket, sni);
            } catch (IllegalAccessException | InvocationTargetException e) {
                // Without SNI a server with several names may send another's certificate, which the check after the handshake refuses.
            }
        }
    }

    @Override
    void afterHandshake(SSLSocket socket, String host) throws SSLPeerUnverifiedException {
        checkNames(socket, host);
    }

    /** The public {@code setHostname(String)} of {@code type}, or null; looked up once per socket class. */
    Method hostnameSetter(Class<?> type) {
        Object[] known = setter;
        if (known != null && known[0] == type) {
            return (Method) known[1];
        }
        Method found;
        try {
            found = type.getMethod("setHostname", String.class);
        } catch (NoSuchMethodException | SecurityException absent) {
            found = null;
        }
        setter = new Object[] {type, found};
        return found;
    }
}
