package com.gdxfetch.net;

import com.gdxfetch.testing.Httpbin;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.tls.HeldCertificate;

/** {@code openssl s_server -www} on a loopback port, serving a certificate chain with the given options. */
final class OpensslServer implements AutoCloseable {
    private final Process process;
    final int port;

    /**
     * @param chain the server's certificate first, then the intermediates it sends
     */
    OpensslServer(File dir, HeldCertificate leaf, HeldCertificate[] chain, String... options) throws IOException {
        File cert = new File(dir, "cert.pem");
        File key = new File(dir, "key.pem");
        StringBuilder intermediates = new StringBuilder();
        for (HeldCertificate c : chain) {
            intermediates.append(c.certificatePem());
        }
        Files.write(cert.toPath(), leaf.certificatePem().getBytes(StandardCharsets.US_ASCII));
        Files.write(key.toPath(), leaf.privateKeyPkcs8Pem().getBytes(StandardCharsets.US_ASCII));
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        List<String> command = new ArrayList<>(Arrays.asList("openssl", "s_server", "-accept", "127.0.0.1:" + port,
                "-cert", cert.getPath(), "-key", key.getPath(), "-www"));
        if (chain.length > 0) {
            File more = new File(dir, "chain.pem");
            Files.write(more.toPath(), intermediates.toString().getBytes(StandardCharsets.US_ASCII));
            command.add("-cert_chain");
            command.add(more.getPath());
        }
        command.addAll(Arrays.asList(options));
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII));
        StringBuilder said = new StringBuilder();
        // s_server prints ACCEPT once it listens.
        for (String line = out.readLine(); !"ACCEPT".equals(line); line = out.readLine()) {
            if (line == null) {
                throw new IOException("openssl s_server did not start: " + said);
            }
            said.append(line).append('\n');
        }
        Httpbin.drain(out, "s_server log");
    }

    String url(String host) {
        return "https://" + host + ":" + port + "/";
    }

    @Override
    public void close() throws Exception {
        process.destroyForcibly();
        process.waitFor(20, TimeUnit.SECONDS);
    }
}
