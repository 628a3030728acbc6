package com.gdxfetch.bench;

import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The bench's self-signed certificate trusted explicitly: one {@link SSLContext} per certificate,
 * shared by every client of a suite, so each client's TLS sessions go into the same context's
 * client session cache, as they would in one game using one context.
 */
final class BenchTrust {
    /**
     * Whose TLS the Java clients use: the JDK's ({@code jdk}, the default) or BoringSSL through
     * Conscrypt ({@code -Dbench.tls.provider=conscrypt}), the TLS Android ships. The downloads
     * suite passes it on to its child JVMs.
     */
    static final String PROVIDER = provider(System.getProperty("bench.tls.provider", "jdk"));
    private static final java.util.Map<SSLContext, X509TrustManager> MANAGERS = new java.util.IdentityHashMap<>();

    private BenchTrust() {
    }

    private static String provider(String name) {
        if (!name.equals("jdk") && !name.equals("conscrypt")) {
            throw new IllegalArgumentException("bench.tls.provider is '" + name + "'; use jdk or conscrypt");
        }
        return name;
    }

    /** A TLS context trusting {@code cert} only. */
    static synchronized SSLContext trustOnly(X509Certificate cert) throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        store.setCertificateEntry("bench", cert);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        SSLContext context = PROVIDER.equals("conscrypt")
                ? SSLContext.getInstance("TLS", org.conscrypt.Conscrypt.newProvider())
                : SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        MANAGERS.put(context, (X509TrustManager) factory.getTrustManagers()[0]);
        return context;
    }

    /** The trust manager {@code context} was made with by {@link #trustOnly}. */
    static synchronized X509TrustManager trustManager(SSLContext context) {
        return MANAGERS.get(context);
    }
}
