package com.gdxfetch.net.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Whether a server certificate is for a host, by the rules of RFC 9110 section 4.3.4 and
 * RFC 6125: the subject alternative names only (no common-name fallback), a wildcard only as the
 * whole leftmost label and matching exactly one label, IP addresses only against IP entries.
 */
final class HostnameCheck {
    private static final int DNS_NAME = 2;
    private static final int IP_ADDRESS = 7;

    private HostnameCheck() {
    }

    /** Whether {@code certificate} names {@code host} (a name, or an IP literal without brackets). */
    static boolean matches(String host, X509Certificate certificate) {
        boolean ip = isIpLiteral(host);
        String wanted = ip ? canonicalIp(host) : normalize(host);
        if (wanted == null) {
            return false;
        }
        for (List<?> entry : alternativeNames(certificate)) {
            if (entry.size() < 2 || !(entry.get(0) instanceof Integer) || !(entry.get(1) instanceof String)) {
                continue;
            }
            int type = (Integer) entry.get(0);
            String name = (String) entry.get(1);
            if (ip && type == IP_ADDRESS && isIpLiteral(name) && wanted.equals(canonicalIp(name))) {
                return true;
            }
            if (!ip && type == DNS_NAME && dnsNameMatches(wanted, normalize(name))) {
                return true;
            }
        }
        return false;
    }

    /** The certificate's DNS and IP names, for a failure message. */
    static List<String> names(X509Certificate certificate) {
        List<String> names = new ArrayList<>();
        for (List<?> entry : alternativeNames(certificate)) {
            if (entry.size() >= 2 && entry.get(1) instanceof String) {
                names.add((String) entry.get(1));
            }
        }
        return names;
    }

    /** True for an IPv4 or IPv6 literal (without brackets), which SNI never carries. */
    static boolean isIpLiteral(String host) {
        if (host.indexOf(':') >= 0) {
            return true;
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if ((c < '0' || c > '9') && c != '.') {
                return false;
            }
        }
        return !host.isEmpty();
    }

    private static Collection<List<?>> alternativeNames(X509Certificate certificate) {
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            return names != null ? names : Collections.<List<?>>emptyList();
        } catch (CertificateParsingException e) {
            return Collections.<List<?>>emptyList();
        }
    }

    private static boolean dnsNameMatches(String host, String pattern) {
        if (pattern.isEmpty() || host.isEmpty()) {
            return false;
        }
        if (!pattern.startsWith("*.")) {
            return pattern.indexOf('*') < 0 && host.equals(pattern);
        }
        String suffix = pattern.substring(1);
        // "*.com" would cover a whole top-level domain; a wildcard needs two labels after it.
        if (suffix.indexOf('*') >= 0 || suffix.indexOf('.', 1) < 0) {
            return false;
        }
        int labelEnd = host.length() - suffix.length();
        return labelEnd > 0 && host.endsWith(suffix) && host.lastIndexOf('.', labelEnd - 1) < 0;
    }

    /** Lower case without a trailing dot, so "Example.COM." and "example.com" compare equal. */
    private static String normalize(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    /** The literal's canonical form; never a DNS lookup, since callers pass only IP literals. */
    private static String canonicalIp(String literal) {
        try {
            return InetAddress.getByName(literal).getHostAddress();
        } catch (UnknownHostException | SecurityException e) {
            return null;
        }
    }
}
