package com.gdxfetch.net.internal;

import com.gdxfetch.internal.DurableFiles;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The outbox's files: one per request ({@code <id>.req}) and one per recorded outcome
 * ({@code <id>.out}), each a small binary record ending in a CRC32 of everything before it.
 * Each is written to a temporary file in the same folder, synced to the device and renamed into
 * place, so a reader sees a whole record or none; a record whose checksum or layout does not
 * match is damaged and is set aside by renaming it to {@code .corrupt}. Worker thread only.
 */
final class OutboxJournal {
    static final String REQUEST = ".req";
    static final String OUTCOME = ".out";
    static final String TEMP = ".tmp";
    static final String CORRUPT = ".corrupt";
    private static final int REQUEST_MAGIC = 0x47464f52; // "GFOR"
    private static final int OUTCOME_MAGIC = 0x47464f4f; // "GFOO"
    /** Larger than any record the outbox writes; a bigger file is damaged, not read into memory. */
    static final long MAX_RECORD_BYTES = 256L << 20;

    final File dir;

    OutboxJournal(File dir) {
        this.dir = dir;
    }

    File file(String id, String suffix) {
        return new File(dir, id + suffix);
    }

    /** Creates the folder if it is missing. */
    void ensureDirectory() throws IOException {
        if (!dir.isDirectory() && !dir.mkdirs() && !dir.isDirectory()) {
            throw new IOException("cannot create the outbox folder " + dir.getAbsolutePath());
        }
    }

    /** Durably writes {@code entry}'s request record. */
    void writeRequest(OutboxEntry entry) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + entry.body().length);
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(REQUEST_MAGIC);
        writeString(out, entry.id());
        writeString(out, entry.tag());
        writeString(out, entry.key());
        writeString(out, entry.method());
        writeString(out, entry.url());
        String[] headers = entry.headerNamesAndValues();
        out.writeInt(headers.length);
        for (String h : headers) {
            writeString(out, h);
        }
        writeString(out, entry.contentType());
        writeBytes(out, entry.hasBody() ? entry.body() : null);
        writeAtomically(file(entry.id(), REQUEST), seal(bytes));
    }

    /** Durably writes an outcome record. */
    void writeOutcome(OutboxOutcome outcome) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + outcome.body().length);
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(OUTCOME_MAGIC);
        writeString(out, outcome.id());
        writeString(out, outcome.tag());
        writeString(out, outcome.idempotencyKey());
        writeString(out, outcome.method());
        writeString(out, outcome.url());
        out.writeInt(outcome.status());
        writeBytes(out, outcome.body());
        writeAtomically(file(outcome.id(), OUTCOME), seal(bytes));
    }

    /**
     * Reads the request record {@code file}.
     *
     * @throws IOException naming the file and what is wrong when it is truncated or damaged
     */
    OutboxEntry readRequest(File file) throws IOException {
        return readRequest(file, file.getName());
    }

    private OutboxEntry readRequest(File file, String name) throws IOException {
        DataInputStream in = open(file, REQUEST_MAGIC);
        try {
            String id = readString(in);
            String tag = readString(in);
            String key = readString(in);
            String method = readString(in);
            String url = readString(in);
            int headerCount = in.readInt();
            if (headerCount < 0 || headerCount % 2 != 0 || headerCount > 4096) {
                throw new IOException("bad header count " + headerCount);
            }
            String[] headers = new String[headerCount];
            for (int i = 0; i < headerCount; i++) {
                headers[i] = readString(in);
            }
            String contentType = readString(in);
            byte[] body = readBytes(in);
            expectEnd(in);
            if (id == null || key == null || method == null || url == null || !name.equals(id + REQUEST)) {
                throw new IOException("fields missing or not matching the file name");
            }
            OutboxEntry entry = OutboxEntry.restored(id, tag, key, method, url, headers, contentType, body);
            // Built once here so that a record this version refuses as a request (left by another
            // version, or edited) is set aside like a damaged one instead of failing every load.
            entry.toRequest(1);
            return entry;
        } catch (IOException | RuntimeException e) {
            throw damaged(file, e);
        }
    }

    /** Reads the outcome record {@code file}; throws as {@link #readRequest}. */
    OutboxOutcome readOutcome(File file) throws IOException {
        return readOutcome(file, file.getName());
    }

    private OutboxOutcome readOutcome(File file, String name) throws IOException {
        DataInputStream in = open(file, OUTCOME_MAGIC);
        try {
            String id = readString(in);
            String tag = readString(in);
            String key = readString(in);
            String method = readString(in);
            String url = readString(in);
            int status = in.readInt();
            byte[] body = readBytes(in);
            expectEnd(in);
            if (id == null || key == null || method == null || url == null || !name.equals(id + OUTCOME)) {
                throw new IOException("fields missing or not matching the file name");
            }
            return new OutboxOutcome(id, tag, key, method, url, status, body == null ? new byte[0] : body);
        } catch (IOException | RuntimeException e) {
            throw damaged(file, e);
        }
    }

    /**
     * Puts a whole record left under its temporary name back under its own, and deletes a
     * temporary file holding less. A record is synced before its rename, but the rename reaches
     * the device only when the folder does, which Java cannot sync: a power cut in between leaves
     * a request the game was told is stored, or an answer already recorded, under the temporary name.
     *
     * @return true when the record was put back; false when there was none to put back, or it
     *     could not be renamed (then it stays for the next load)
     */
    boolean recover(File temp) {
        String name = temp.getName().substring(0, temp.getName().length() - TEMP.length());
        File target = new File(dir, name);
        boolean whole;
        try {
            if (name.endsWith(REQUEST)) {
                readRequest(temp, name);
            } else if (name.endsWith(OUTCOME)) {
                readOutcome(temp, name);
            } else {
                throw new IOException("not a record's temporary file");
            }
            whole = !target.exists();
        } catch (IOException e) {
            whole = false;
        }
        if (whole) {
            // A folder that refuses the rename keeps the record for a later load rather than losing it.
            return DurableFiles.replace(temp, target);
        }
        temp.delete();
        return false;
    }

    /** Renames a damaged record to {@code .corrupt} so it is kept for inspection but never read again. */
    File setAside(File file) {
        File aside = new File(dir, file.getName() + CORRUPT);
        if (!file.renameTo(aside)) {
            aside.delete();
            if (!file.renameTo(aside)) {
                file.delete();
            }
        }
        return aside;
    }

    private DataInputStream open(File file, int magic) throws IOException {
        long length = file.length();
        if (length < 12 || length > MAX_RECORD_BYTES) {
            throw damaged(file, new IOException("length " + length + " bytes"));
        }
        byte[] bytes = new byte[(int) length];
        try (InputStream in = new FileInputStream(file)) {
            int filled = 0;
            while (filled < bytes.length) {
                int n = in.read(bytes, filled, bytes.length - filled);
                if (n < 0) {
                    throw new EOFException("file shorter than its length");
                }
                filled += n;
            }
        } catch (IOException e) {
            throw damaged(file, e);
        }
        int payload = bytes.length - 8;
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, payload);
        long stored = 0;
        for (int i = payload; i < bytes.length; i++) {
            stored = (stored << 8) | (bytes[i] & 0xff);
        }
        if (crc.getValue() != stored) {
            throw damaged(file, new IOException("checksum mismatch (truncated or overwritten)"));
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 0, payload));
        if (in.readInt() != magic) {
            throw damaged(file, new IOException("not an outbox record"));
        }
        return in;
    }

    private static IOException damaged(File file, Exception cause) {
        if (cause instanceof DamagedRecordException) {
            return (DamagedRecordException) cause;
        }
        return new DamagedRecordException("damaged outbox record " + file.getAbsolutePath() + ": "
                + (cause.getMessage() != null ? cause.getMessage() : cause.toString()), cause);
    }

    /** A record that exists but cannot be read back as written. */
    static final class DamagedRecordException extends IOException {
        DamagedRecordException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static byte[] seal(ByteArrayOutputStream bytes) {
        byte[] payload = bytes.toByteArray();
        CRC32 crc = new CRC32();
        crc.update(payload, 0, payload.length);
        long value = crc.getValue();
        byte[] sealed = new byte[payload.length + 8];
        System.arraycopy(payload, 0, sealed, 0, payload.length);
        for (int i = 7; i >= 0; i--) {
            sealed[payload.length + i] = (byte) value;
            value >>>= 8;
        }
        return sealed;
    }

    /**
     * Writes {@code bytes} to a temporary file, syncs it to the device, and renames it to
     * {@code target}: a crash leaves the whole record or only a temporary file, which the next
     * load deletes.
     */
    private void writeAtomically(File target, byte[] bytes) throws IOException {
        ensureDirectory();
        File temp = new File(dir, target.getName() + TEMP);
        try {
            DurableFiles.writeSynced(temp, bytes);
            if (!DurableFiles.replace(temp, target)) {
                throw new IOException("cannot rename " + temp.getAbsolutePath() + " to " + target.getName());
            }
        } catch (IOException e) {
            temp.delete();
            throw new IOException("cannot write " + target.getAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        writeBytes(out, s == null ? null : s.getBytes(StandardCharsets.UTF_8));
    }

    private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
        if (b == null) {
            out.writeInt(-1);
        } else {
            out.writeInt(b.length);
            out.write(b);
        }
    }

    private static String readString(DataInputStream in) throws IOException {
        byte[] b = readBytes(in);
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length == -1) {
            return null;
        }
        if (length < 0 || length > in.available()) {
            throw new IOException("field length " + length + " runs past the record");
        }
        byte[] b = new byte[length];
        in.readFully(b);
        return b;
    }

    private static void expectEnd(DataInputStream in) throws IOException {
        if (in.read() >= 0) {
            throw new IOException("bytes after the last field");
        }
    }
}
