package com.gdxfetch.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.badlogic.gdx.backends.headless.HeadlessApplication;
import com.badlogic.gdx.files.FileHandle;
import java.io.File;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Downloads against a file server that misbehaves differently on every connection, chosen by a
 * seeded random sequence: cuts, ranges ignored or served from the wrong byte, 206s without a
 * range, 416s, and the file changing between attempts with or without If-Range honoured; half
 * the sequences begin beside a stale partial file that cannot be resumed. However the attempts
 * fail, nothing appears under the destination's name until a download succeeds, and the file that
 * then appears is exactly the server's current version: never two versions mixed, never stale bytes.
 */
class DownloadMisbehaviourTest {
    /** Downloads per sequence before the server starts behaving. */
    private static final int MISBEHAVING_ATTEMPTS = 10;

    @TempDir
    Path tmp;

    private static HeadlessApplication app;
    private FetchManager fetch;

    @BeforeAll
    static void startApplication() {
        app = HeadlessApp.start();
    }

    @AfterAll
    static void stopApplication() {
        app.exit();
    }

    @AfterEach
    void dispose() {
        fetch.dispose();
    }

    @Test
    void overSocketsEverySequenceOfMisbehavingAnswersEndsInTheServersCurrentFileByteExact() throws Exception {
        fetch = new FetchManager();
        everySequenceEndsInTheCurrentFile();
    }

    @Test
    void overGdxNetEverySequenceOfMisbehavingAnswersEndsInTheServersCurrentFileByteExact() throws Exception {
        fetch = new FetchManager(FetchConfig.builder().transport(Transports.gdxNet()).build());
        everySequenceEndsInTheCurrentFile();
    }

    private void everySequenceEndsInTheCurrentFile() throws Exception {
        for (int seed = 0; seed < 60; seed++) {
            FileServer files = new FileServer(new Random(seed));
            try (RawServer server = new RawServer(files::serve)) {
                FileHandle dest = new FileHandle(tmp.resolve("file-" + seed + ".bin").toFile());
                if (seed % 2 == 0) {
                    // Left by something else, or by a run whose metadata was lost: not resumable.
                    byte[] stale = new byte[250_000];
                    new Random(-seed).nextBytes(stale);
                    Files.write(Paths.get(dest.file().getPath() + ".part"), stale);
                }
                DownloadHandle h = null;
                for (int attempt = 0; attempt < MISBEHAVING_ATTEMPTS + 1; attempt++) {
                    files.misbehave = attempt < MISBEHAVING_ATTEMPTS;
                    h = fetch.download(server.url("/f"), dest).send();
                    Frames.untilDone(fetch, h);
                    if (h.isSuccess()) {
                        break;
                    }
                    assertNotNull(h.failure(), "seed " + seed);
                    assertFalse(dest.exists(), "seed " + seed + ": a failed attempt left a file under the name: "
                            + h.failure() + "; served " + files.log);
                }
                assertTrue(h.isSuccess(), "seed " + seed + ": " + h.failure() + "; served " + files.log);
                assertArrayEquals(files.body, dest.readBytes(), "seed " + seed + "; served " + files.log);
                assertFalse(new File(dest.file().getPath() + ".part").exists(), "seed " + seed);
                assertFalse(new File(dest.file().getPath() + ".part.meta").exists(), "seed " + seed);
            }
        }
    }

    /** What one connection does; {@code OK} honours Range and If-Range as nginx does. */
    private enum Behaviour {
        OK, CUT, CLOSE_UNANSWERED, IGNORE_RANGE, WRONG_OFFSET, FROM_ZERO, NO_CONTENT_RANGE, CHANGE,
        CHANGE_IGNORING_IF_RANGE, REFUSE_RANGE
    }

    /** One file with an ETag, served one response per connection; the connections run one at a time. */
    private static final class FileServer {
        private final Random random;
        volatile byte[] body;
        private volatile String etag;
        private int version;
        volatile boolean misbehave;
        final StringBuffer log = new StringBuffer();

        FileServer(Random random) {
            this.random = random;
            newVersion();
        }

        private void newVersion() {
            body = new byte[1 + random.nextInt(200_000)];
            random.nextBytes(body);
            etag = "\"v" + ++version + "\"";
        }

        synchronized void serve(Socket socket, int index) throws Exception {
            String head = RawServer.readHead(socket.getInputStream());
            String range = RangeServer.header(head, "range");
            String ifRange = RangeServer.header(head, "if-range");
            Behaviour behaviour = misbehave ? Behaviour.values()[random.nextInt(Behaviour.values().length)] : Behaviour.OK;
            log.append(behaviour).append(range == null ? "" : "(" + range + ")").append(' ');
            if (behaviour == Behaviour.CHANGE || behaviour == Behaviour.CHANGE_IGNORING_IF_RANGE) {
                newVersion();
            }
            long asked = range == null ? -1 : Long.parseLong(range.substring("bytes=".length(), range.indexOf('-')));
            boolean honoured = asked >= 0 && (ifRange == null || ifRange.equals(etag)
                    || behaviour == Behaviour.CHANGE_IGNORING_IF_RANGE);
            OutputStream out = socket.getOutputStream();
            if (behaviour == Behaviour.CLOSE_UNANSWERED) {
                socket.close();
                return;
            }
            if (behaviour == Behaviour.REFUSE_RANGE || (honoured && asked >= body.length)) {
                RawServer.write(out, "HTTP/1.1 416 Range Not Satisfiable\r\nContent-Range: bytes */" + body.length
                        + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                socket.close();
                return;
            }
            long from = -1;
            if (behaviour == Behaviour.FROM_ZERO) {
                from = 0;
            } else if (behaviour == Behaviour.WRONG_OFFSET && asked >= 0 && body.length > 2) {
                from = 1 + random.nextInt(body.length - 1);
                if (from == asked) {
                    from = asked == 1 ? 2 : 1;
                }
            } else if (honoured && behaviour != Behaviour.IGNORE_RANGE) {
                from = asked;
            }
            long start = Math.max(0, from);
            long length = body.length - start;
            StringBuilder h = new StringBuilder(from >= 0 ? "HTTP/1.1 206 Partial Content\r\n" : "HTTP/1.1 200 OK\r\n");
            h.append("ETag: ").append(etag).append("\r\nConnection: close\r\nContent-Length: ").append(length).append("\r\n");
            if (behaviour == Behaviour.NO_CONTENT_RANGE) {
                h.setLength(0);
                h.append("HTTP/1.1 206 Partial Content\r\nETag: ").append(etag)
                        .append("\r\nConnection: close\r\nContent-Length: ").append(length).append("\r\n");
            } else if (from >= 0) {
                h.append("Content-Range: bytes ").append(from).append('-').append(body.length - 1).append('/')
                        .append(body.length).append("\r\n");
            }
            RawServer.write(out, h.append("\r\n").toString());
            long sent = behaviour == Behaviour.CUT ? random.nextInt((int) length) : length;
            out.write(body, (int) start, (int) sent);
            out.flush();
            socket.close();
        }
    }
}
