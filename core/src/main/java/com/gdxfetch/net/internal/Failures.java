package com.gdxfetch.net.internal;

import com.gdxfetch.net.FailureKind;
import com.gdxfetch.net.FetchException;
import com.gdxfetch.net.HttpRequest;
import com.gdxfetch.net.HttpResponse;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import javax.net.ssl.SSLException;

/** Turns the exceptions of any transport into typed {@link FetchException}s, one mapping for all. */
public final class Failures {
    private Failures() {
    }

    /**
     * Classifies {@code error}.
     *
     * @param connecting true while the TCP connection was being opened, so a timeout is a connect
     *     timeout; false afterwards. Transports that cannot tell pass false and the exception's
     *     own message decides.
     */
    public static FailureKind kindOf(Throwable error, boolean connecting) {
        if (error instanceof HttpFailure) {
            return ((HttpFailure) error).kind();
        }
        if (error instanceof UnknownHostException) {
            return FailureKind.UNKNOWN_HOST;
        }
        if (error instanceof ConnectException) {
            String message = error.getMessage();
            return message != null && message.contains("timed out")
                    ? FailureKind.CONNECT_TIMEOUT : FailureKind.CONNECT_REFUSED;
        }
        if (isUnreachable(error)) {
            return FailureKind.CONNECT_REFUSED;
        }
        if (error instanceof SocketTimeoutException) {
            String message = error.getMessage();
            return connecting || (message != null && message.regionMatches(true, 0, "connect", 0, 7))
                    ? FailureKind.CONNECT_TIMEOUT : FailureKind.READ_TIMEOUT;
        }
        if (error instanceof SSLException || error instanceof GeneralSecurityException) {
            return FailureKind.TLS;
        }
        return FailureKind.NETWORK;
    }

    /**
     * Whether {@code error} is a connect the player's network could not route: no route to the
     * host (EHOSTUNREACH) or to its network (ENETUNREACH, what an IPv6 address gives on a network
     * without IPv6, or any address once the Wi-Fi has gone). The JDK throws these from connect,
     * as siblings of the refusal, not as ConnectException; nothing of the request left, so they
     * count as a connection that could not be made rather than one that broke. An established
     * connection meets ENETUNREACH only after minutes of retransmission, long after its read
     * timeout. Looked for in the causes too: a failure to reach a proxy names the proxy around it.
     */
    private static boolean isUnreachable(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage();
            if (t instanceof NoRouteToHostException
                    || (t instanceof SocketException && message != null && message.startsWith("Network is unreachable"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * True for failures of the network or the server's connection, which a stored copy may answer
     * instead (RFC 5861's stale-if-error; a 5xx status is the other case): the server could not be
     * reached, went silent, broke HTTP, or failed TLS (as a captive portal's certificate does). One
     * rule for the HTTP cache's {@code staleIfError} and the image cache's disk copy.
     */
    public static boolean mayAnswerFromAStaleCopy(FailureKind kind) {
        switch (kind) {
            case CONNECT_REFUSED:
            case UNKNOWN_HOST:
            case CONNECT_TIMEOUT:
            case READ_TIMEOUT:
            case TLS:
            case PROTOCOL:
            case NETWORK:
                return true;
            default:
                return false;
        }
    }

    /** True for kinds that mean the connection never opened, so no request byte left. */
    public static boolean beforeConnection(FailureKind kind) {
        return kind == FailureKind.UNKNOWN_HOST || kind == FailureKind.CONNECT_REFUSED
                || kind == FailureKind.CONNECT_TIMEOUT;
    }

    /**
     * A failure of {@code request} caused by {@code error}.
     *
     * @param requestSent whether any byte of the request may have been written
     */
    public static FetchException of(HttpRequest request, Throwable error, boolean connecting,
            boolean requestSent) {
        FailureKind kind = kindOf(error, connecting);
        HttpResponse response = error instanceof HttpFailure ? ((HttpFailure) error).response() : null;
        return new FetchException(kind, request.method(), request.url(), describe(kind, error), error, response,
                requestSent);
    }

    /**
     * A failure of the exchange {@code method} {@code url} (a WebSocket channel's handshake and
     * frames too) caused by {@code error}.
     */
    public static FetchException of(String method, String url, Throwable error, boolean connecting,
            boolean requestSent) {
        FailureKind kind = kindOf(error, connecting);
        return new FetchException(kind, method, url, describe(kind, error), error, null, requestSent);
    }

    /** A failure of {@code request} of a known kind. */
    public static FetchException of(HttpRequest request, FailureKind kind, String detail,
            Throwable cause, boolean requestSent) {
        return new FetchException(kind, request.method(), request.url(), detail, cause, null, requestSent);
    }

    /** What {@code error}, of {@code kind}, was, in a message's words. */
    static String describe(FailureKind kind, Throwable error) {
        if (error instanceof HttpFailure) {
            return error.getMessage();
        }
        String what;
        switch (kind) {
            case UNKNOWN_HOST:
                what = "unknown host";
                break;
            case CONNECT_REFUSED:
                what = !isUnreachable(error) ? "connection refused"
                        : String.valueOf(error.getMessage()).contains("Network is unreachable") ? "network unreachable"
                        : "host unreachable";
                break;
            case CONNECT_TIMEOUT:
                what = "connect timed out";
                break;
            case READ_TIMEOUT:
                what = "read timed out";
                break;
            case TLS:
                what = "TLS failure" + tlsReason(error);
                break;
            default:
                what = "I/O failure";
                break;
        }
        return what + " (" + error + ")";
    }

    /**
     * What a TLS refusal means, in words a game developer can act on, or "" when the exception
     * says it plainly enough. The JDK's messages ("PKIX path building failed", "validity check
     * failed", "Unsupported or unrecognized SSL message") name the mechanism, not the problem,
     * and the cause that does ({@code CertificateExpiredException}) is not in the message.
     */
    static String tlsReason(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.security.cert.CertificateExpiredException) {
                return ": the server's certificate has expired (" + t.getMessage() + ")";
            }
            if (t instanceof java.security.cert.CertificateNotYetValidException) {
                return ": the server's certificate is not valid yet (" + t.getMessage() + ")";
            }
        }
        String message = String.valueOf(error.getMessage());
        if (message.contains("PKIX path building failed")) {
            return ": the server's certificate is not trusted; no chain leads from it to a trusted root (a"
                    + " self-signed certificate, one from an authority not trusted here, or a chain missing an"
                    + " intermediate certificate the server should send)";
        }
        if (message.contains("certificate_required")) {
            return ": the server requires a client certificate, and none is configured";
        }
        if (message.contains("protocol_version") || message.contains("No appropriate protocol")) {
            return ": the server and this client share no TLS version (a server offering only TLS 1.0 or 1.1,"
                    + " which the client's runtime disables, or only versions newer than it knows)";
        }
        if (message.contains("unrecognized_name")) {
            return ": the server has no certificate for the host name the client asked for (a URL with an IP"
                    + " address asks for none, which some servers refuse)";
        }
        if (message.contains("no_application_protocol")) {
            return ": the server speaks none of the protocols offered (this client offers only HTTP/1.1; the"
                    + " server may accept only HTTP/2)";
        }
        if (message.contains("handshake_failure")) {
            return ": the server refused the handshake (no TLS version or cipher suite both sides accept,"
                    + " or it requires a client certificate)";
        }
        if (message.contains("Unsupported or unrecognized SSL message")) {
            return ": the server's answer is not TLS (a plain HTTP server on an https URL?)";
        }
        return "";
    }
}
