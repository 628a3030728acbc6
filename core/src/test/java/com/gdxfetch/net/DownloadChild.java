package com.gdxfetch.net;

import com.badlogic.gdx.files.FileHandle;

import java.io.File;
import java.util.concurrent.locks.LockSupport;

/**
 * A game process that downloads one file, for {@link DownloadProcessTest}: prints
 * {@code written N} once {@code N} bytes (the first argument after the URL) are on disk, then
 * {@code ok} or {@code failed: KIND message} at the end, and exits.
 *
 * <p>Arguments: URL, destination path, bytes to report at (0 for none), expected SHA-256 or
 * {@code -}.
 */
public final class DownloadChild {
    private DownloadChild() {
    }

    public static void main(String[] args) {
        String url = args[0];
        FileHandle dest = new FileHandle(new File(args[1]));
        long reportAt = Long.parseLong(args[2]);
        FetchManager fetch = new FetchManager();
        Download.Builder builder = fetch.download(url, dest);
        if (!args[3].equals("-")) {
            builder.sha256(args[3]);
        }
        DownloadHandle h = builder.send();
        boolean reported = reportAt <= 0;
        while (!fetch.update()) {
            if (!reported && h.bytesWritten() >= reportAt) {
                System.out.println("written " + h.bytesWritten());
                System.out.flush();
                reported = true;
            }
            LockSupport.parkNanos(1_000_000);
        }
        System.out.println(h.isSuccess() ? "ok" : "failed: " + h.failure().kind() + " " + h.failure().getMessage());
        System.out.flush();
        fetch.dispose();
        System.exit(0);
    }
}
