package com.gdxfetch.net.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.badlogic.gdx.files.FileHandle;
import com.gdxfetch.net.DownloadHandle;
import com.gdxfetch.net.FetchManager;
import com.gdxfetch.net.FetchState;
import java.io.File;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry of bodies streamed to disk keeps nothing of a manager once it is disposed. */
class StreamTargetsTest {
    @TempDir
    File tmp;

    @Test
    void downloadsDisposedBeforeTheirExchangesRanAreForgotten() throws Exception {
        int before = StreamTargets.size();
        try (ServerSocket server = new ServerSocket(0)) {
            String url = "http://127.0.0.1:" + server.getLocalPort() + "/file";
            for (int round = 0; round < 20; round++) {
                FetchManager fetch = new FetchManager();
                DownloadHandle[] downloads = new DownloadHandle[8];
                for (int i = 0; i < downloads.length; i++) {
                    downloads[i] = fetch.download(url + i, new FileHandle(new File(tmp, round + "-" + i))).send();
                }
                // At once: some exchanges are still waiting for an I/O thread, and dispose() drops them.
                fetch.dispose();
                for (DownloadHandle download : downloads) {
                    assertEquals(FetchState.CANCELLED, download.state());
                }
                assertEquals(before, StreamTargets.size(), "round " + round + ": targets still named after dispose()");
            }
        }
    }
}
