package com.gdxfetch.image.internal;

import com.gdxfetch.internal.DiskCache;
import com.badlogic.gdx.graphics.Pixmap;
import com.badlogic.gdx.utils.BufferUtils;
import com.badlogic.gdx.utils.GdxRuntimeException;
import com.gdxfetch.net.FailureKind;
import com.gdxfetch.net.HttpResponse;
import com.gdxfetch.net.ResponseDecoder;
import com.gdxfetch.net.internal.CacheDirectives;
import com.gdxfetch.net.internal.Validators;
import com.gdxfetch.internal.WarnOnce;

import java.io.IOException;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.concurrent.Semaphore;

/**
 * Turns one downloaded file into pixels or atlas data on a worker thread: fresh bodies are
 * decoded and then written to the disk cache, a 304 is answered from the cached copy.
 */
final class FileDecoder implements ResponseDecoder<Decoded> {
    /**
     * Disk cache property of a copy the server said to revalidate before each use (no-cache,
     * must-revalidate): it answers a 304, never a failure.
     */
    static final String ONLY_REVALIDATED = "onlyRevalidated";

    private final RemoteFile file;
    private final DiskCache disk;
    private final int maxTextureSize;
    private final long maxPixels;
    private final Semaphore decodeSlots;
    private final WarnOnce writeFailures;

    FileDecoder(RemoteFile file, DiskCache disk, int maxTextureSize, long maxPixels, Semaphore decodeSlots,
            WarnOnce writeFailures) {
        this.file = file;
        this.disk = disk;
        this.maxTextureSize = maxTextureSize;
        this.maxPixels = maxPixels;
        this.decodeSlots = decodeSlots;
        this.writeFailures = writeFailures;
    }

    @Override
    public Decoded decode(HttpResponse response) throws Exception {
        int status = response.status();
        if (status == 304) {
            DiskCache.Entry entry = file.cached;
            if (entry == null || disk == null) {
                throw new IOException("server answered 304 Not Modified to a request that sent no validators");
            }
            if (Validators.namesAnotherVersion(entry.etag(), entry.lastModified(), response.headers())) {
                return file.offer(Decoded.cacheUnusable("was answered by a 304 naming another version"));
            }
            byte[] body;
            try {
                body = disk.read(entry);
            } catch (DiskCache.DamagedEntryException e) {
                return file.offer(Decoded.cacheUnusable("is damaged"));
            }
            // Null: replaced or evicted meanwhile by another cache on the folder, not worth a warning.
            return file.offer(body == null ? Decoded.cacheUnusable(null)
                    : decode(file, body, 304, maxTextureSize, maxPixels, decodeSlots));
        }
        if (status < 200 || status > 299) {
            return file.offer(Decoded.failed(status, FailureKind.HTTP_STATUS,
                    "status " + status + " " + response.reason()));
        }
        byte[] body = response.body();
        Decoded decoded = decode(file, body, status, response.header("Content-Type"), maxTextureSize, maxPixels,
                decodeSlots);
        if (disk != null && decoded.failure == null) {
            if (CacheDirectives.forbidStoring(response.headers())) {
                // RFC 9111 section 5.2.2.5: no part of it may be stored, and an older copy is not
                // left to answer offline for a file the server no longer lets anyone keep.
                disk.remove(file.url);
            } else {
                // RFC 9111 sections 5.2.2.2 and 5.2.2.4: such a copy is used only once revalidated,
                // so never in place of a server that cannot be reached or fails.
                boolean revalidate = CacheDirectives.requireRevalidation(response.headers());
                try {
                    disk.write(file.url, body, response.header("ETag"), response.header("Last-Modified"),
                            revalidate ? Collections.singletonMap(ONLY_REVALIDATED, "true") : null);
                } catch (IOException e) {
                    warnWriteFailed(e);
                }
            }
        }
        return file.offer(decoded);
    }

    /**
     * Logs a failed write once per cause and cache: a full or read-only folder fails every image
     * alike, and the image is shown all the same.
     */
    private void warnWriteFailed(IOException e) {
        String cause = e instanceof DiskCache.Failure ? ((DiskCache.Failure) e).reason() : e.getClass().getName();
        writeFailures.warn(cause, "image cache cannot write to its disk cache folder "
                + disk.folder().getAbsolutePath() + ": " + cause + " (" + e.getMessage() + " for " + file.url
                + "); images are still shown but not stored, and this is not logged again for this cause");
    }

    /**
     * Decodes an image or atlas body; any thread but the render thread. Image decoding takes one
     * of {@code decodeSlots}, so a burst of downloads cannot starve the render thread of a core.
     *
     * @throws InterruptedException if the thread is interrupted while waiting for a slot
     */
    static Decoded decode(RemoteFile file, byte[] body, int status, int maxTextureSize, long maxPixels,
            Semaphore decodeSlots) throws InterruptedException {
        return decode(file, body, status, null, maxTextureSize, maxPixels, decodeSlots);
    }

    /**
     * As {@link #decode(RemoteFile, byte[], int, int, long, Semaphore)}, naming {@code contentType}
     * (null when unknown) in the failure of a body that is no image the cache decodes.
     *
     * <p>An image is judged by its header before the decoder sees it: libGDX's decoder allocates
     * the size a header declares and reads past the end of a short body as zeros, so a few
     * hundred bytes could otherwise cost gigabytes. A body that is not PNG, JPEG, GIF or BMP
     * never reaches the decoder; one whose declared width or height is over
     * {@code maxTextureSize}, or whose pixels are more than {@code maxPixels}, is refused
     * unallocated, and a PNG whose pixel data inflates past what its header calls for is refused
     * in its decode slot before the decoder sees it ({@link PngData}).
     */
    static Decoded decode(RemoteFile file, byte[] body, int status, String contentType, int maxTextureSize,
            long maxPixels, Semaphore decodeSlots) throws InterruptedException {
        if (file.isAtlas) {
            return Decoded.atlas(status, AtlasRegions.parse(file.url, body), body.length);
        }
        String format = DeclaredSize.format(body);
        if (format == null) {
            return Decoded.failed(status, FailureKind.DECODE, "cannot decode " + describe(body, contentType)
                    + ": the image cache decodes " + DeclaredSize.FORMATS + " images");
        }
        long[] declared = DeclaredSize.of(body);
        if (declared == null) {
            return Decoded.failed(status, FailureKind.DECODE, "cannot decode the " + format
                    + " image: its header is cut short or malformed");
        }
        Decoded oversized = oversized(status, declared[0], declared[1], maxTextureSize, maxPixels);
        if (oversized != null) {
            return oversized;
        }
        // A page refilling its texture after a lost context was counted on its first load.
        if (file.page != null && !file.restoring) {
            String tooMany = file.set.claimPage(declared[0], declared[1], maxPixels);
            if (tooMany != null) {
                return Decoded.failed(status, FailureKind.TOO_LARGE, tooMany);
            }
        }
        if (CutShort.is(format, body)) {
            return Decoded.failed(status, FailureKind.DECODE, "cannot decode the " + format
                    + " image: its pixel data is cut short");
        }
        Pixmap pixmap;
        decodeSlots.acquire();
        // Released on every path, a failed allocation of the buffer included: a slot lost for
        // good would leave every later image waiting for it once all are lost.
        try {
            if (format.equals("PNG")) {
                // In the slot: it inflates as much as the decode does, and decoding is held to
                // the slots so that the render thread keeps a core.
                Decoded inflating = PngData.judge(body, status);
                if (inflating != null) {
                    return inflating;
                }
            }
            // Decoding from a byte[] holds a JNI critical region for the whole decode, which makes
            // any thread needing a garbage collection (the render thread too) wait for it to end; a
            // direct buffer does not.
            ByteBuffer encoded = BufferUtils.newUnsafeByteBuffer(body.length);
            try {
                encoded.put(body);
                // Through Buffer: ByteBuffer.flip() returns ByteBuffer only from Java 9, not on Android or RoboVM.
                ((Buffer) encoded).flip();
                pixmap = new Pixmap(encoded, 0, body.length);
            } finally {
                BufferUtils.disposeUnsafeByteBuffer(encoded);
            }
        } catch (GdxRuntimeException e) {
            // libGDX says only "Couldn't load pixmap"; name what came, and why the decoder refused it.
            return Decoded.failed(status, FailureKind.DECODE, "cannot decode the " + format + " image"
                    + (contentType == null ? "" : " (Content-Type " + contentType + ")")
                    + ": it is corrupt, cut short or a variant the decoder does not read ("
                    + reason(e) + ")");
        } finally {
            decodeSlots.release();
        }
        // stb_image accepts a BMP declaring no rows or columns; no texture can be made of it.
        if (pixmap.getWidth() < 1 || pixmap.getHeight() < 1) {
            String size = pixmap.getWidth() + "x" + pixmap.getHeight();
            pixmap.dispose();
            return Decoded.failed(status, FailureKind.DECODE, "image is " + size + ": it has no pixels");
        }
        oversized = oversized(status, pixmap.getWidth(), pixmap.getHeight(), maxTextureSize, maxPixels);
        if (oversized != null) {
            pixmap.dispose();
            return oversized;
        }
        if (file.page != null) {
            String misfit = AtlasRegions.misfit(file.set.url, file.set.atlas, file.page, pixmap.getWidth(),
                    pixmap.getHeight());
            if (misfit != null) {
                pixmap.dispose();
                return Decoded.failed(status, FailureKind.DECODE, misfit);
            }
        }
        return Decoded.image(status, pixmap, body.length);
    }

    /** What the body looks like, by its first bytes, and what its Content-Type says it is. */
    static String describe(byte[] body, String contentType) {
        String format = sniff(body);
        String what = format == null ? "the body" : "a " + format + " image";
        return contentType == null ? what : what + " (Content-Type " + contentType + ")";
    }

    private static String sniff(byte[] b) {
        if (startsWith(b, 0, "RIFF") && startsWith(b, 8, "WEBP")) {
            return "WebP";
        }
        if (b.length >= 4 && (b[0] == 'I' && b[1] == 'I' && b[2] == 42 && b[3] == 0
                || b[0] == 'M' && b[1] == 'M' && b[2] == 0 && b[3] == 42)) {
            return "TIFF";
        }
        if (startsWith(b, 4, "ftypavif") || startsWith(b, 4, "ftypheic") || startsWith(b, 4, "ftypmif1")) {
            return "AVIF or HEIF";
        }
        // Formats libGDX's decoder reads but the image cache does not hand it (see DeclaredSize).
        if (startsWith(b, 0, "8BPS")) {
            return "PSD";
        }
        if (startsWith(b, 0, "#?RADIANCE") || startsWith(b, 0, "#?RGBE")) {
            return "Radiance HDR";
        }
        if (b.length >= 3 && b[0] == 'P' && (b[1] >= '1' && b[1] <= '7') && (b[2] == '\n' || b[2] == ' '
                || b[2] == '\r' || b[2] == '\t')) {
            return "PNM";
        }
        if (b.length >= 4 && (b[0] & 0xff) == 0x53 && (b[1] & 0xff) == 0x80 && (b[2] & 0xff) == 0xf6
                && (b[3] & 0xff) == 0x34) {
            return "Softimage PIC";
        }
        // SVG is text: an XML declaration, a comment or the svg element itself, after any spaces.
        int i = 0;
        if (b.length >= 3 && (b[0] & 0xff) == 0xef && (b[1] & 0xff) == 0xbb && (b[2] & 0xff) == 0xbf) {
            i = 3;
        }
        while (i < b.length && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n')) {
            i++;
        }
        if (startsWith(b, i, "<?xml") || startsWith(b, i, "<svg") || startsWith(b, i, "<!--")) {
            String head = new String(b, i, Math.min(b.length - i, 1024), StandardCharsets.ISO_8859_1);
            return head.contains("<svg") ? "SVG" : null;
        }
        return null;
    }

    private static boolean startsWith(byte[] b, int at, String ascii) {
        if (at < 0 || b.length < at + ascii.length()) {
            return false;
        }
        for (int i = 0; i < ascii.length(); i++) {
            if (b[at + i] != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** A TOO_LARGE failure for an image over either limit, or null when it is within both. */
    private static Decoded oversized(int status, long width, long height, int maxTextureSize, long maxPixels) {
        String why = ImageLimits.exceeded(width, height, maxTextureSize, maxPixels);
        return why == null ? null : Decoded.failed(status, FailureKind.TOO_LARGE, why);
    }

    private static String reason(GdxRuntimeException e) {
        String why = DecoderReason.of(e);
        return why != null ? why : e.getMessage();
    }
}
