package com.gdxfetch.net.internal;

import com.badlogic.gdx.files.FileHandle;
import com.gdxfetch.internal.Closeables;
import com.gdxfetch.internal.Digests;
import com.gdxfetch.internal.DurableFiles;
import com.gdxfetch.internal.ProcessLock;
import com.gdxfetch.net.Download;
import com.gdxfetch.net.FailureKind;
import com.gdxfetch.net.FetchException;
import com.gdxfetch.net.Headers;
import com.gdxfetch.net.HttpRequest;
import com.gdxfetch.net.HttpResponse;
import com.gdxfetch.net.ResponseDecoder;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * One download's file work, on the transport's worker thread: works out the {@code Range} to
 * ask for from the partial file and its {@link PartMeta}, decides from the response whether to
 * append, restart or finish, writes the body through the exchange's bounded buffer, verifies
 * the result and renames it into place. Exchanges of one call run one after another; the
 * destination's {@link PathLocks lock} keeps two downloads of it in this process from writing at
 * once, and an operating-system lock on {@code name.part.lock} keeps out another process (a
 * second copy of the game, a launcher), whose writes would otherwise land in the same partial.
 *
 * <p>Crash safety: bytes go straight to {@code name.part} (no buffering of ours beyond one
 * chunk) and the metadata is written, by rename, after the old partial is emptied and before the
 * first byte of a new body, so the partial file on disk is always a prefix of the representation
 * its metadata names.
 */
public final class DownloadTarget implements StreamTarget, ResponseDecoder<FileHandle> {
    /** How long an exchange waits for another download of the same destination to let go. */
    private static final long LOCK_WAIT_MILLIS = 30_000;
    /** The most bytes one file name may have on the file systems games run on. */
    private static final int NAME_LIMIT_BYTES = 255;
    private static final String LONGEST_SIDE_CAR_SUFFIX = ".part" + ".meta" + PartMeta.TEMP_SUFFIX;
    /** How much of a long name stays readable in its side-cars' names. */
    private static final int SIDE_CAR_HEAD_BYTES = 64;
    private final String url;
    private final FileHandle destination;
    // The destination's paths, worked out by the first worker to need them (resolve()): the
    // canonical path reads the file system, which the thread that calls send() must not wait on.
    private File file;
    private File part;
    private File meta;
    private File lockFile;
    /** The partial's key in {@link PathLocks}: one file reached by two spellings of its path is one key. */
    private String lockKey;
    /** Written after the paths above, read before them: publishes them to the next worker. */
    private volatile boolean resolved;
    private final long expectedSize;
    private final String sha256;
    private final Download.Verifier verifier;

    // The current exchange's state; touched by one worker thread at a time (the lock's owner).
    private boolean locked;
    private ProcessLock processLock;
    private long offsetAsked = -1;
    private String validatorAsked;
    /** The complete size recorded when the partial was started, or -1. */
    private long totalAsked = -1;
    /** Where the current 206's range ends (exclusive), or -1 for a whole body. */
    private long rangeEnd = -1;
    /** The current 206's Content-Range, for messages; null for a whole body. */
    private String servedRange;
    /**
     * Whether the body is being decoded from a coding the server applied unasked: its partial
     * holds decoded bytes, which are no offsets a Range could continue from.
     */
    private boolean decoding;
    /**
     * Whether the body is the file's own bytes ended only by the connection's close (no
     * Content-Length, no chunks): its end cannot be told from a drop.
     */
    private boolean untilClose;
    private RandomAccessFile out;
    private MessageDigest digest;
    private long position;
    private long total = -1;

    // Progress and outcome, read from any thread.
    private volatile long written;
    private volatile long knownTotal = -1;
    private volatile long resumedFrom;
    private volatile long bodyStartNanos;
    private volatile long bodyStartBytes;
    private volatile boolean complete;
    /** Set once a 410 had the partial deleted, for the failure to say so. */
    private volatile boolean partialGone;
    /** Whether any exchange offered this target a body. */
    private volatile boolean opened;
    /** Set once the call ended without its outcome: no exchange of it waits for the partial any more. */
    private volatile boolean abandoned;

    public DownloadTarget(String url, FileHandle destination, long expectedSize, String sha256,
            Download.Verifier verifier) {
        this.url = url;
        this.destination = destination;
        this.expectedSize = expectedSize;
        this.sha256 = sha256;
        this.verifier = verifier;
        this.knownTotal = expectedSize;
    }

    /**
     * Works out the destination's absolute path, its side-cars' and the partial's canonical
     * path, once, on a worker: every exchange and the decoder call this before touching them.
     */
    private void resolve() {
        if (resolved) {
            return;
        }
        synchronized (this) {
            if (resolved) {
                return;
            }
            file = destination.file().getAbsoluteFile();
            String base = sideCarBase(file.getName());
            part = new File(file.getParentFile(), base + ".part");
            meta = new File(file.getParentFile(), base + ".part.meta");
            lockFile = new File(file.getParentFile(), base + ".part.lock");
            lockKey = canonicalPath(part);
            resolved = true;
        }
    }

    /**
     * The name the side-cars ({@code .part}, {@code .part.meta}, its {@code .tmp},
     * {@code .part.lock}) extend: the destination's own name, which partial files of earlier
     * versions used, unless the longest of them would pass the 255-byte limit most file systems
     * put on a name. Then a readable head of the name and a digest of all of it, stable across
     * runs so the partial still resumes. Bytes of UTF-8 are counted, not characters: a name of
     * 85 CJK characters is already 255 bytes on ext4 and APFS (NTFS counts UTF-16 units, never more).
     */
    static String sideCarBase(String name) {
        byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
        if (utf8.length + LONGEST_SIDE_CAR_SUFFIX.length() <= NAME_LIMIT_BYTES) {
            return name;
        }
        return utf8Head(name, SIDE_CAR_HEAD_BYTES) + "~" + Digests.of("SHA-256", name).substring(0, 32);
    }

    /** The longest prefix of {@code s} that is at most {@code maxBytes} in UTF-8, never splitting a character. */
    private static String utf8Head(String s, int maxBytes) {
        int bytes = 0;
        int end = 0;
        while (end < s.length()) {
            int cp = s.codePointAt(end);
            int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + size > maxBytes) {
                break;
            }
            bytes += size;
            end += Character.charCount(cp);
        }
        return s.substring(0, end);
    }

    public FileHandle destination() {
        return destination;
    }

    public long bytesWritten() {
        return written;
    }

    public long totalBytes() {
        return knownTotal;
    }

    public long resumedFrom() {
        return resumedFrom;
    }

    public double bytesPerSecond() {
        long start = bodyStartNanos;
        if (start == 0) {
            return 0;
        }
        long nanos = System.nanoTime() - start;
        // Not below 0 while a discard or a new attempt is resetting the count under this reader.
        long bytes = Math.max(0, written - bodyStartBytes);
        return nanos <= 0 ? 0 : bytes * 1e9 / nanos;
    }

    // ---- StreamTarget, on the worker

    @Override
    public HttpRequest prepare(HttpRequest request) throws IOException {
        lock();
        // A new attempt, whose body has not begun: the last one's rate must not count its bytes.
        bodyStartNanos = 0;
        decoding = false;
        offsetAsked = 0;
        validatorAsked = null;
        totalAsked = -1;
        PartMeta saved = PartMeta.read(meta);
        long have = part.length();
        // A partial longer than the size recorded when it began is no prefix of that file: a
        // damaged side-car or bytes of something else, which a resume could only fail on.
        if (have <= 0 || saved == null || !saved.url.equals(url) || saved.validator == null
                || (expectedSize >= 0 && have > expectedSize) || (saved.total >= 0 && have > saved.total)) {
            // Nothing that can be resumed safely: the next 200 starts the file from zero.
            written = 0;
            return request;
        }
        written = have;
        offsetAsked = have;
        validatorAsked = saved.validator;
        totalAsked = saved.total;
        return request.newBuilder().header("Range", "bytes=" + have + "-")
                .header("If-Range", saved.validator).build();
    }

    @Override
    public BodySink open(HttpRequest sent, int status, Headers headers, long contentLength) throws IOException {
        opened = true;
        if (!locked) {
            // A transport that does not prepare (Gdx.net) asked for no range: any body starts over.
            lock();
            offsetAsked = 0;
            validatorAsked = null;
            totalAsked = -1;
        }
        decoding = false;
        untilClose = false;
        rangeEnd = -1;
        servedRange = null;
        // A compressed file labelled with its compression as a coding: its bytes as sent are
        // the file, and offsets into them are what a Range counts.
        boolean asSent = CodedFiles.isTheFile(headers, ParsedUrl.of(sent.url()).path, file.getName());
        if (status == 206) {
            return resume(headers, contentLength, asSent);
        }
        if (status == 416) {
            return rangeNotSatisfiable(headers);
        }
        if (status == 204 || status == 205) {
            // The server says it has no content to send: no file, so not an empty one in place of
            // the game's.
            return null;
        }
        if (status >= 200 && status <= 299) {
            refusePartOfTheFile(status, headers);
            return restart(headers, contentLength, asSent);
        }
        if (status == 410) {
            // Gone, and for good (RFC 9110 section 15.5.11): no later attempt could resume the
            // partial. A 404 may pass (a mirror not yet synced), so its partial is kept.
            partialGone = part.exists() || meta.exists();
            discard();
        }
        // An error page or a redirect is read whole, as for any request.
        return null;
    }

    @Override
    public void exchangeEnded() {
        closeQuietly();
        if (decoding && !complete && locked) {
            // Not kept for a resume, however the exchange ended: see restart().
            discard();
        }
        releaseProcessLock();
        if (locked) {
            locked = false;
            PathLocks.release(lockKey, this);
        }
    }

    @Override
    public void callEnded() {
        abandoned = true;
        // Held by other threads only for a look-up in a small map, never while they wait.
        PathLocks.wakeWaiters();
    }

    /** Whether the call ended without its outcome ({@link #callEnded()}). Any thread. */
    boolean isAbandoned() {
        return abandoned;
    }

    private void lock() throws HttpFailure {
        resolve();
        if (!locked) {
            if (!PathLocks.acquire(lockKey, this, LOCK_WAIT_MILLIS)) {
                if (abandoned) {
                    throw new HttpFailure(FailureKind.CANCELLED, "cancelled while waiting for another download of '"
                            + part.getPath() + "'");
                }
                throw new HttpFailure(FailureKind.FILE, "another download is writing '" + part.getPath()
                        + "'; tried for " + LOCK_WAIT_MILLIS + " ms");
            }
            locked = true;
        }
        checkDestination();
        lockAcrossProcesses();
    }

    /**
     * Takes the lock on {@code name.part.lock} for this exchange, or fails at once: the other
     * process may be a download that runs for minutes, and waiting would only hide it.
     */
    private void lockAcrossProcesses() throws HttpFailure {
        if (processLock != null) {
            return;
        }
        try {
            processLock = ProcessLock.tryAcquire(lockFile);
        } catch (IOException e) {
            throw fileFailure("locking", lockFile, e);
        }
        if (processLock == null) {
            throw new HttpFailure(FailureKind.FILE, "another process is downloading to '" + part.getPath()
                    + "' (it holds '" + lockFile.getPath() + "'); try again once it has finished");
        }
    }

    private void releaseProcessLock() {
        if (processLock != null) {
            processLock.release();
            processLock = null;
        }
    }

    private static String canonicalPath(File f) {
        try {
            return f.getCanonicalPath();
        } catch (IOException e) {
            return f.getAbsolutePath();
        }
    }

    private void checkDestination() throws HttpFailure {
        if (file.isDirectory()) {
            throw new HttpFailure(FailureKind.FILE, "download destination '" + file.getPath() + "' is a directory");
        }
        File parent = file.getParentFile();
        if (parent != null && !parent.isDirectory()) {
            // Either way nothing can be written there; which one it is tells the game what to fix.
            throw new HttpFailure(FailureKind.FILE, "download destination folder '" + parent.getPath()
                    + (parent.exists() ? "' is a file, not a folder" : "' does not exist"));
        }
    }

    /**
     * 206: append when the range starts where the partial ends and the validator held; a range
     * from byte 0 starts the file anew. Any other 206 cannot be used: the partial is deleted so
     * that the next attempt asks for the whole file instead of failing the same way again: a
     * coded range (unless the coding is the file's own format, {@link CodedFiles}), several ranges, a range without the file's size (the finished file could not
     * be checked against it), a size other than the one the partial began with, or a
     * Content-Length other than the range's length.
     */
    private BodySink resume(Headers headers, long contentLength, boolean asSent) throws IOException {
        String coding = asSent ? null : ContentCodings.compression(headers);
        if (coding != null) {
            discard();
            throw new HttpFailure(FailureKind.PROTOCOL, "206 response with Content-Encoding '" + coding
                    + "': a range of a coded representation cannot be joined to the file's bytes; the partial was "
                    + "deleted, so the next attempt starts from zero");
        }
        String type = headers.get("Content-Type");
        if (type != null && type.trim().regionMatches(true, 0, "multipart/byteranges", 0, 20)) {
            discard();
            throw new HttpFailure(FailureKind.PROTOCOL, "206 response is multipart/byteranges, though one range "
                    + "was asked; the partial was deleted, so the next attempt starts from zero");
        }
        String contentRange = contentRangeOf(headers);
        if (contentRange == null && headers.get("Content-Range") != null) {
            discard();
            throw new HttpFailure(FailureKind.PROTOCOL, "206 response with several Content-Range fields "
                    + quoted(headers.values("Content-Range")) + ", which cannot all describe its body; the partial "
                    + "was deleted, so the next attempt starts from zero");
        }
        long[] range = ContentRange.parse(contentRange);
        if (range != null && range[0] >= 0 && range[2] < 0) {
            discard();
            throw new HttpFailure(FailureKind.PROTOCOL, "206 response with Content-Range '"
                    + contentRange + "' does not give the file's size, so the finished file "
                    + "could not be checked; the partial was deleted, so the next attempt starts from zero");
        }
        if (range == null || range[0] < 0) {
            discard();
            throw new HttpFailure(FailureKind.PROTOCOL, "206 response " + (contentRange == null
                    ? "without a Content-Range" : "with an unusable Content-Range '" + contentRange + "'")
                    + "; the partial was deleted, so the next attempt starts from zero");
        }
        if (range[0] == 0) {
            offsetAsked = 0;
        } else if (range[0] != offsetAsked) {
            discard();
            throw new HttpFailure(FailureKind.PROTOCOL, "206 response starts at byte " + range[0]
                    + " but the partial file '" + part.getPath() + "' ended at " + offsetAsked
                    + "; the partial was deleted, so the next attempt starts from zero");
        }
        if (range[0] > 0 && totalAsked >= 0 && range[2] != totalAsked) {
            discard();
            throw new HttpFailure(FailureKind.PROTOCOL, "206 response says the file is " + range[2]
                    + " bytes, but it was " + totalAsked + " when the partial was started; the partial was "
                    + "deleted, so the next attempt starts from zero");
        }
        long length = range[1] - range[0] + 1;
        if (contentLength >= 0 && contentLength != length) {
            discard();
            throw new HttpFailure(FailureKind.PROTOCOL, "206 response with Content-Length " + contentLength
                    + " for its Content-Range '" + contentRange + "' (" + length
                    + " bytes); the partial was deleted, so the next attempt starts from zero");
        }
        String validator = validatorOf(headers);
        String changed = offsetAsked > 0 && validatorAsked != null ? anotherVersion(validatorAsked, headers) : null;
        if (changed != null) {
            // A server that ignored If-Range: the bytes on disk belong to another version.
            discard();
            throw new HttpFailure(FailureKind.PROTOCOL, "the file changed on the server (validator "
                    + validatorAsked + " became " + changed + "); the partial was deleted, so the next "
                    + "attempt starts from zero");
        }
        long whole = range[2];
        checkExpectedTotal(whole);
        total = whole;
        knownTotal = whole >= 0 ? whole : expectedSize;
        rangeEnd = range[1] + 1;
        servedRange = contentRange;
        openPart(false);
        if (offsetAsked == 0) {
            // The file starts anew, as after a 200: keep this response's validator to resume with.
            writeMeta(validator, whole);
        }
        position = offsetAsked;
        written = offsetAsked;
        resumedFrom = offsetAsked;
        seedDigest(offsetAsked);
        startBody();
        return new Sink();
    }

    /**
     * 416: the partial may already be the whole file (a crash before the rename); else start over.
     * A 416 carries no validator, and a server that ignores If-Range answers one when a new,
     * shorter version happens to be as long as the partial of the old one: the size recorded when
     * the partial began must match too. The file is finished once the 416's body has ended, as any
     * other exchange's: one cut short fails with the partial still whole for the next attempt,
     * rather than after the file was renamed into place.
     */
    private BodySink rangeNotSatisfiable(Headers headers) throws IOException {
        long[] range = ContentRange.parse(contentRangeOf(headers));
        if (offsetAsked > 0 && range != null && range[2] == offsetAsked
                && (totalAsked < 0 || totalAsked == offsetAsked)) {
            total = offsetAsked;
            knownTotal = offsetAsked;
            openPart(false);
            position = offsetAsked;
            resumedFrom = offsetAsked;
            seedDigest(offsetAsked);
            return new FinishingSink();
        }
        discard();
        throw new HttpFailure(FailureKind.PROTOCOL, "the server refused the range from byte " + offsetAsked
                + " (416, Content-Range " + quoted(headers.values("Content-Range")) + "); the partial was deleted, so the "
                + "next attempt starts from zero");
    }

    /**
     * The response's Content-Range, or null when it has none or several that differ: a field that
     * may occur once (RFC 9110 section 5.3), given twice, says two things of one body, and the
     * one believed could be the one that puts its bytes at the wrong offset.
     */
    private static String contentRangeOf(Headers headers) {
        List<String> values = headers.values("Content-Range");
        String first = values.isEmpty() ? null : values.get(0).trim();
        for (int i = 1; i < values.size(); i++) {
            if (!values.get(i).trim().equals(first)) {
                return null;
            }
        }
        return first;
    }

    /** {@code values} for a message: each in quotes, comma-separated; "none" when empty. */
    private static String quoted(List<String> values) {
        if (values.isEmpty()) {
            return "none";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            out.append(i == 0 ? "'" : ", '").append(values.get(i).trim()).append('\'');
        }
        return out.toString();
    }

    /**
     * Fails a whole-file answer whose Content-Range says its body is only part of the file: a
     * server or proxy that cut the range asked for out of the file but labelled it 200. RFC 9110
     * section 14.4 gives Content-Range no meaning there, yet the body is what it says, and taken
     * as the whole file it would be installed as one. The partial is deleted, so the next attempt
     * asks for no range.
     */
    private void refusePartOfTheFile(int status, Headers headers) throws HttpFailure {
        String contentRange = contentRangeOf(headers);
        long[] range = ContentRange.parse(contentRange);
        if (range == null || range[0] < 0 || (range[0] == 0 && (range[2] < 0 || range[1] == range[2] - 1))) {
            return;
        }
        discard();
        throw new HttpFailure(FailureKind.PROTOCOL, status + " response with Content-Range '" + contentRange
                + "': its body is part of the file, not all of it; the partial was deleted, so the next attempt "
                + "asks for the whole file");
    }

    /** Any other 2xx, a 200 to a range included: the body is the whole file, from zero. */
    private BodySink restart(Headers headers, long contentLength, boolean asSent) throws IOException {
        String undecodable = asSent ? null : BodyReader.compressionLeftOn(headers, true);
        if (undecodable != null) {
            discard();
            throw new HttpFailure(FailureKind.PROTOCOL, "the server sent the file with Content-Encoding '" + undecodable
                    + "' though none was asked, and downloads decode only gzip and deflate; the partial was deleted");
        }
        // A coding the server applied unasked is undone as the body streams, so the file holds its
        // own bytes; sizes and hashes are checked on those. Such a transfer is never resumed: its
        // length on disk counts decoded bytes, not the coded ones a Range would continue. A file
        // in that coding's own format (a .tar.gz labelled x-gzip) is kept as sent instead.
        boolean identity = asSent || BodyReader.codingOf(BodyReader.contentEncoding(headers)) == BodyReader.IDENTITY;
        decoding = !identity;
        long whole = identity ? contentLength : -1;
        untilClose = identity && contentLength < 0 && headers.get("Transfer-Encoding") == null;
        checkExpectedTotal(whole);
        total = whole;
        knownTotal = whole >= 0 ? whole : expectedSize;
        // Emptied first: the new validator beside the old bytes would have the next attempt
        // append the new version to them, if the partial could not be emptied or a crash came between.
        openPart(true);
        writeMeta(identity ? validatorOf(headers) : null, whole);
        position = 0;
        resumedFrom = 0;
        written = 0;
        digest = newDigest();
        startBody();
        return decoding ? new DecodedSink() : new Sink();
    }

    private void writeMeta(String validator, long whole) throws HttpFailure {
        try {
            new PartMeta(url, validator, whole).write(meta);
        } catch (IOException e) {
            throw fileFailure("writing", meta, e);
        }
    }

    private void startBody() {
        bodyStartBytes = position;
        bodyStartNanos = System.nanoTime();
    }

    private void checkExpectedTotal(long whole) throws HttpFailure {
        if (expectedSize >= 0 && whole >= 0 && whole != expectedSize) {
            discard();
            throw new HttpFailure(FailureKind.VERIFICATION, "the server's file is " + whole
                    + " bytes, expected " + expectedSize + "; the partial was deleted");
        }
    }

    /**
     * The validator kept to resume with, or null when the file has no strong one, so a resume
     * starts over: RFC 9110 section 13.1.5 allows If-Range a strong ETag, or, when there is no
     * ETag at all, a Last-Modified that is strong, at least a second before the response's Date
     * (section 8.8.2.2): two versions written within one second share their Last-Modified.
     */
    private static String validatorOf(Headers headers) {
        String etag = headers.get("ETag");
        if (etag != null) {
            etag = etag.trim();
            return etag.startsWith("\"") ? etag : null;
        }
        String modified = headers.get("Last-Modified");
        String date = headers.get("Date");
        if (modified == null || date == null) {
            return null;
        }
        long modifiedAt = HttpDates.parse(modified.trim());
        long dateAt = HttpDates.parse(date.trim());
        boolean strong = modifiedAt != Long.MIN_VALUE && dateAt != Long.MIN_VALUE && dateAt - modifiedAt >= 1000;
        return strong ? modified.trim() : null;
    }

    /**
     * The validator of a 206 that names a version other than {@code asked}, the partial's, or
     * null. Each kind is compared with its own kind, since the server judged If-Range by the one
     * sent: an entity tag by the strong comparison, since parts are combined only under one strong
     * validator (RFC 9110 section 15.3.7.3) and a weak tag promises no byte-for-byte sameness; a
     * date with the 206's Last-Modified. A 206
     * without that kind of validator says nothing against the partial; one that gives it twice
     * (a field that may occur once) is judged by each.
     */
    private static String anotherVersion(String asked, Headers headers) {
        boolean tag = asked.startsWith("\"");
        List<String> values = headers.values(tag ? "ETag" : "Last-Modified");
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i).trim();
            if (tag ? !value.equals(asked) : !sameDate(value, asked)) {
                return value;
            }
        }
        return null;
    }

    private static boolean sameDate(String a, String b) {
        long at = HttpDates.parse(a);
        long bt = HttpDates.parse(b);
        return at != Long.MIN_VALUE && bt != Long.MIN_VALUE ? at == bt : a.equals(b);
    }

    private void openPart(boolean truncate) throws HttpFailure {
        try {
            out = new RandomAccessFile(part, "rw");
            // Nothing past the offset may stay: bytes of an earlier attempt there would end up in the file.
            out.setLength(truncate ? 0 : offsetAsked);
            if (!truncate) {
                out.seek(offsetAsked);
            }
        } catch (IOException e) {
            closeQuietly();
            throw fileFailure("opening", part, e);
        }
    }

    private MessageDigest newDigest() throws HttpFailure {
        if (sha256 == null) {
            return null;
        }
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new HttpFailure(FailureKind.VERIFICATION, "SHA-256 is not available on this platform", e);
        }
    }

    /** Hashes the bytes already on disk, so that a resumed file is verified whole. */
    private void seedDigest(long length) throws HttpFailure {
        digest = newDigest();
        if (digest == null || length == 0) {
            return;
        }
        byte[] buf = new byte[BodyReader.STREAM_CHUNK];
        long left = length;
        try (FileInputStream in = new FileInputStream(part)) {
            while (left > 0) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                if (n < 0) {
                    throw new IOException("ended " + left + " bytes early");
                }
                digest.update(buf, 0, n);
                left -= n;
            }
        } catch (IOException e) {
            throw fileFailure("reading", part, e);
        }
    }

    private void write(byte[] bytes, int offset, int length) throws IOException {
        long end = position + length;
        if (rangeEnd >= 0 && end > rangeEnd) {
            closeQuietly();
            discard();
            throw new HttpFailure(FailureKind.PROTOCOL, "the 206 body runs past the end of its range (byte "
                    + (rangeEnd - 1) + "); the partial was deleted, so the next attempt starts from zero");
        }
        if (expectedSize >= 0 && end > expectedSize) {
            closeQuietly();
            discard();
            throw new HttpFailure(FailureKind.VERIFICATION, "the body runs past the expected size of "
                    + expectedSize + " bytes; the partial was deleted");
        }
        if (total >= 0 && end > total) {
            throw new HttpFailure(FailureKind.PROTOCOL, "the body runs past the file's size of " + total + " bytes");
        }
        try {
            out.write(bytes, offset, length);
        } catch (IOException e) {
            throw fileFailure("writing", part, e);
        }
        if (digest != null) {
            digest.update(bytes, offset, length);
        }
        position = end;
        written = end;
    }

    private void end() throws IOException {
        if (total >= 0 && position != total && position == rangeEnd) {
            // Nothing was cut: the server sent less than asked, as some cap a range.
            throw new HttpFailure(FailureKind.PROTOCOL, "the 206 sent the whole of its range '" + servedRange
                    + "', which ends before the file does; the partial is kept for a resume from byte " + position);
        }
        if (total >= 0 && position != total) {
            throw new HttpFailure(FailureKind.PROTOCOL, "the body ended at byte " + position + " of " + total
                    + "; the partial is kept for a resume");
        }
        if (untilClose && expectedSize >= 0 && position < expectedSize) {
            // The close may have been a drop: the bytes that came are a prefix of the file, kept
            // for a resume (whose 206 or 416 states the size) rather than rejected as the whole.
            throw new HttpFailure(FailureKind.PROTOCOL, "the body, ended by the connection's close with no "
                    + "Content-Length, stopped at byte " + position + " of the expected " + expectedSize
                    + "; the partial is kept for a resume");
        }
        finish();
    }

    /** Verifies the complete partial and renames it into place. */
    private void finish() throws IOException {
        try {
            // On disk before the rename, so that a crash never leaves a short file under the name.
            out.getFD().sync();
            out.close();
        } catch (IOException e) {
            throw fileFailure("writing", part, e);
        } finally {
            out = null;
        }
        if (expectedSize >= 0 && position != expectedSize) {
            discard();
            throw new HttpFailure(FailureKind.VERIFICATION, "the file is " + position + " bytes, expected "
                    + expectedSize + "; the partial was deleted");
        }
        if (digest != null) {
            String actual = Digests.hex(digest.digest());
            if (!actual.equals(sha256)) {
                discard();
                throw new HttpFailure(FailureKind.VERIFICATION, "SHA-256 " + actual + " does not match the expected "
                        + sha256 + "; the partial was deleted");
            }
        }
        if (verifier != null) {
            try {
                verifier.verify(new FileHandle(part));
            } catch (Exception | Error e) {
                // A failed assert or check in the game's verifier is a rejection like any other.
                discard();
                throw new HttpFailure(FailureKind.VERIFICATION, "the download's verifier rejected it: " + e
                        + "; the partial was deleted", e);
            }
        }
        if (!DurableFiles.replace(part, file)) {
            throw new HttpFailure(FailureKind.FILE, "cannot rename '" + part.getPath() + "' to '"
                    + file.getPath() + "'");
        }
        meta.delete();
        written = position;
        knownTotal = position;
        complete = true;
    }

    private void discard() {
        closeQuietly();
        part.delete();
        meta.delete();
        bodyStartNanos = 0;
        written = 0;
    }

    /** Closes the part file: the bytes written are on disk or not, and a resume measures the file either way. */
    private void closeQuietly() {
        RandomAccessFile f = out;
        out = null;
        Closeables.closeQuietly(f);
    }

    private static HttpFailure fileFailure(String doing, File f, IOException e) {
        return new HttpFailure(FailureKind.FILE, doing + " '" + f.getPath() + "' failed: " + e.getMessage(), e);
    }

    // ---- ResponseDecoder, on the worker after the exchange

    @Override
    public FileHandle decode(HttpResponse response) {
        if (complete) {
            return destination;
        }
        resolve();
        if (!response.isSuccessful()) {
            String gone = response.status() == 410 && partialGone ? "; the file is gone for good, so the partial file '"
                    + part.getPath() + "' was deleted" : "";
            throw new FetchException(FailureKind.HTTP_STATUS, "GET", url, "status " + response.status() + " "
                    + response.reason() + gone, null, response, true);
        }
        // A 204 has no body for a transport to offer: Gdx.net's reads none, so it never opens one.
        if (!opened && BodyReader.hasBody("GET", response.status())) {
            throw new FetchException(FailureKind.PROTOCOL, "GET", url, "the transport did not stream the body to '"
                    + part.getPath() + "'; a Transport that wraps another must pass each request object on as "
                    + "it got it", null, response, true);
        }
        throw new FetchException(FailureKind.HTTP_STATUS, "GET", url, "status " + response.status() + " "
                + response.reason() + " carried no file", null, response, true);
    }

    @Override
    public String toString() {
        // The destination as the game named it: this may run on the thread that sent the download.
        return "download to " + destination.path();
    }

    /** The body's bytes, to the partial file. */
    private class Sink implements BodySink {
        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            DownloadTarget.this.write(bytes, offset, length);
        }

        @Override
        public void end() throws IOException {
            DownloadTarget.this.end();
        }
    }

    /** The body of a 416 for a partial that was already complete: nothing to keep; its end finishes the file. */
    private final class FinishingSink implements BodySink {
        @Override
        public void write(byte[] bytes, int offset, int length) {
        }

        @Override
        public void end() throws IOException {
            finish();
        }
    }

    /** The body's bytes with the coding the server applied unasked undone, to the partial file. */
    private final class DecodedSink extends Sink implements DecodingSink {
    }
}
