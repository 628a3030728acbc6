package com.gdxfetch.input;

import com.badlogic.gdx.Files.FileType;
import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.files.FileHandle;
import com.badlogic.gdx.utils.Array;
import com.badlogic.gdx.utils.GdxRuntimeException;
import com.badlogic.gdx.utils.JsonReader;
import com.badlogic.gdx.utils.JsonValue;
import com.badlogic.gdx.utils.JsonWriter;
import com.badlogic.gdx.utils.ObjectSet;
import com.badlogic.gdx.utils.StreamUtils;
import com.gdxfetch.internal.Texts;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Saves the player's bindings as readable JSON, holding only the actions the player changed, so
 * defaults a new game version ships still reach players who saved before:
 *
 * <pre>{@code
 * {
 *   "version": 1,
 *   "bindings": {
 *     "jump": [ "W", "Pad A" ],
 *     "shoot": [ ]
 *   }
 * }
 * }</pre>
 *
 * <p>Loading never throws for what the file says. Entries that cannot be used (unknown action or
 * input name, wrong type, listed twice) are dropped and reported, those actions keep their
 * defaults, and the original file is copied aside to {@code <name>.rejected} so nothing the
 * player wrote is lost.
 * When a player's binding takes an input a newer default gave another action in the same context,
 * the player's choice wins and the default is dropped (reported as an adjustment).
 *
 * <p>Reading and writing touch the disk: call them on the render thread at start-up or from a
 * settings menu, not every frame.
 */
public final class BindingsFile {
    /** The format version this class writes and reads. */
    public static final int FORMAT_VERSION = 1;
    /** Appended to the file name of a copy kept aside when loading found problems. */
    public static final String REJECTED_SUFFIX = ".rejected";
    /**
     * Largest file read, in bytes. What this class writes for a hundred actions is a few kilobytes;
     * a larger file is not a bindings file, and reading one of gigabytes whole would run the game
     * out of memory at every start. Such a file is reported unread and moved to {@code .rejected}.
     */
    public static final int MAX_FILE_BYTES = 1 << 20;

    private final FileHandle file;

    /** A bindings file at any location. */
    public BindingsFile(FileHandle file) {
        if (file == null) {
            throw new IllegalArgumentException("bindings file must not be null");
        }
        this.file = file;
    }

    /** A bindings file in the game's local storage, {@code Gdx.files.local(name)}. */
    public static BindingsFile local(String name) {
        return new BindingsFile(Gdx.files.local(name));
    }

    /** The file this reads and writes. */
    public FileHandle file() {
        return file;
    }

    /**
     * Resets the map to its defaults and applies the player's changes from the file; a missing
     * file means no changes, and so does a folder, pipe or device in its place (reported, and left
     * where it is).
     * Never throws for bad content: see {@link Report}.
     */
    public Report load(ActionMap map) {
        map.resetToDefaults();
        Report report = new Report();
        if (!file.exists()) {
            return report;
        }
        report.found = true;
        if (file.isDirectory()) {
            // Nothing in it was written by this class: copying it aside would copy the whole folder,
            // again at every start.
            report.problem(file.path() + ": is a folder, not a file; not read");
            return report;
        }
        if (isOnDisk() && !file.file().isFile()) {
            // A pipe would hold the read until something writes into it, a device such as
            // /dev/zero would never end: either would stop the game at start-up.
            report.problem(file.path() + ": is not a regular file (a pipe or a device); not read");
            return report;
        }
        JsonValue root = read(report);
        if (root != null) {
            JsonValue bindings = checkRoot(root, report);
            if (bindings != null) {
                applyAll(bindings, map, report);
            }
        }
        if (!report.problems.isEmpty()) {
            keepAside(report);
        }
        return report;
    }

    /**
     * Writes the actions whose bindings differ from their defaults; the old file is replaced only
     * once the new one is fully written.
     *
     * @throws GdxRuntimeException naming the file if it cannot be written (a full disk, a
     *     read-only folder); the old file is then left as it was
     */
    public void save(ActionMap map) {
        FileHandle temp = null;
        try {
            temp = newTemp();
            writeWhole(temp, toJson(map));
            replace(temp, file);
        } catch (GdxRuntimeException e) {
            if (temp != null && temp.exists()) {
                temp.delete();
            }
            throw new GdxRuntimeException("cannot write bindings file " + file.path() + ": " + reason(e), e);
        }
    }

    /**
     * A new temporary file beside the bindings file, this save's own where the file is one on
     * disk: another instance of the game saving at the same moment writes into one of its own, so
     * whichever renames last leaves its file whole. Under one shared name both would write into
     * the same file, and the first rename would put a mix of the two in the player's file.
     */
    private FileHandle newTemp() {
        FileType type = file.type();
        if (type != FileType.Absolute && type != FileType.External && type != FileType.Local) {
            return file.sibling(file.name() + ".tmp");
        }
        File dir = file.file().getAbsoluteFile().getParentFile();
        try {
            dir.mkdirs();
            return new FileHandle(File.createTempFile(file.name() + ".", ".tmp", dir));
        } catch (IOException e) {
            throw new GdxRuntimeException("cannot create a file in " + dir.getPath() + ": " + e.getMessage(), e);
        }
    }

    /**
     * {@code e}'s message, and the system's reason when libGDX's leaves it out ("Error writing
     * file: ... (Absolute)" stops before "Read-only file system").
     */
    private static String reason(GdxRuntimeException e) {
        String message = e.getMessage();
        Throwable cause = e.getCause();
        String system = cause != null ? cause.getMessage() : null;
        return system == null || (message != null && message.contains(system)) ? message : message + ": " + system;
    }

    /**
     * Writes {@code text} to {@code temp} or throws, deleting what was written. Not libGDX's
     * {@code writeString}: it closes its writer quietly, and that close is where the buffered
     * text reaches the disk, so a full disk would go unnoticed and an empty file replace the old one.
     */
    private static void writeWhole(FileHandle temp, String text) {
        OutputStream out = temp.write(false);
        try {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.close();
        } catch (IOException e) {
            StreamUtils.closeQuietly(out);
            temp.delete();
            throw new GdxRuntimeException("writing " + temp.path() + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Puts {@code temp} in place of {@code target} by renaming it. libGDX's {@code moveTo} renames
     * only absolute and external files: a local one, as {@link #local} makes, is copied over the
     * target, so a crash during the copy would leave the player half a file.
     */
    private static void replace(FileHandle temp, FileHandle target) {
        FileType type = temp.type();
        if (type == FileType.Absolute || type == FileType.External || type == FileType.Local) {
            File from = temp.file();
            File to = target.file();
            // Where a rename cannot replace a file (Windows), the old one goes first: a crash
            // between the two leaves no file, which loads as the defaults, never a partial one.
            if (from.renameTo(to) || (to.delete() && from.renameTo(to))) {
                return;
            }
            if (to.isDirectory()) {
                // libGDX's moveTo would copy the file into that folder and report success: the
                // player's bindings would be lost without a word.
                throw new GdxRuntimeException(to.getPath() + " is a folder, not a file");
            }
        }
        temp.moveTo(target);
    }

    /** The text {@link #save(ActionMap)} writes. */
    static String toJson(ActionMap map) {
        StringBuilder out = new StringBuilder(256);
        out.append("{\n  \"version\": ").append(FORMAT_VERSION).append(",\n  \"bindings\": {");
        boolean first = true;
        Array<InputContext> contexts = map.contexts();
        for (int c = 0; c < contexts.size; c++) {
            Array<String> actions = contexts.get(c).actions();
            for (int a = 0; a < actions.size; a++) {
                String action = actions.get(a);
                if (map.isDefault(action)) {
                    continue;
                }
                out.append(first ? "\n" : ",\n").append("    ").append(quote(action)).append(": [");
                Array<Binding> bindings = map.bindings(action);
                for (int b = 0; b < bindings.size; b++) {
                    out.append(b == 0 ? " " : ", ").append(quote(bindings.get(b).toString()));
                }
                out.append(" ]");
                first = false;
            }
        }
        out.append(first ? "}\n}\n" : "\n  }\n}\n");
        return out.toString();
    }

    private static String quote(String text) {
        return JsonWriter.OutputType.json.quoteValue(text);
    }

    private JsonValue read(Report report) {
        if (isOversized()) {
            report.problem(file.path() + ": the file is " + file.length() + " bytes, more than the " + MAX_FILE_BYTES
                + " a bindings file may have; not read");
            return null;
        }
        try {
            // Editors on Windows may start a UTF-8 file with a byte order mark, which the decoder
            // keeps and JsonReader refuses: the player's edited file would be set aside whole.
            JsonValue root = new JsonReader().parse(Texts.withoutByteOrderMark(file.readString("UTF-8")));
            if (root == null) {
                report.problem(file.path() + ": the file is empty");
            }
            return root;
        } catch (RuntimeException e) {
            // JsonReader's message carries the line and the text near the error.
            report.problem(file.path() + ": not readable as JSON: " + e.getMessage());
            return null;
        }
    }

    private JsonValue checkRoot(JsonValue root, Report report) {
        if (!root.isObject()) {
            report.problem(file.path() + ": expected an object with \"version\" and \"bindings\", found a " + kind(root));
            return null;
        }
        JsonValue version = root.get("version");
        if (version != null && (!version.isLong() || version.asLong() != FORMAT_VERSION)) {
            report.problem(file.path() + ": \"version\" is " + shown(version) + ", this game reads version "
                + FORMAT_VERSION);
            return null;
        }
        for (JsonValue entry = root.child; entry != null; entry = entry.next) {
            if (!"version".equals(entry.name) && !"bindings".equals(entry.name)) {
                report.problem(file.path() + ": unknown entry " + brief(entry.name) + " ignored");
            } else if (root.get(entry.name) != entry) {
                // JsonReader keeps both and get() finds the first: without a word the second would vanish.
                report.problem(file.path() + ": " + quote(entry.name) + " listed twice; the later entry is ignored");
            }
        }
        JsonValue bindings = root.get("bindings");
        if (bindings == null) {
            report.problem(file.path() + ": no \"bindings\" entry");
            return null;
        }
        if (!bindings.isObject()) {
            report.problem(file.path() + ": \"bindings\" should be an object, found a " + kind(bindings));
            return null;
        }
        return bindings;
    }

    private void applyAll(JsonValue bindings, ActionMap map, Report report) {
        ObjectSet<String> seen = new ObjectSet<>();
        Array<String> overridden = new Array<>();
        for (JsonValue entry = bindings.child; entry != null; entry = entry.next) {
            String where = file.path() + ": bindings." + (entry.name.length() <= 40 ? entry.name : brief(entry.name));
            if (!seen.add(entry.name)) {
                report.problem(where + ": listed twice; the later entry is dropped");
                continue;
            }
            if (!map.hasAction(entry.name)) {
                report.problem(where + ": no such action in this game; dropped");
                continue;
            }
            Array<Binding> parsed = parseEntry(entry, where, report);
            if (parsed != null) {
                map.setBindings(entry.name, parsed);
                overridden.add(entry.name);
            }
        }
        dropShadowedDefaults(map, overridden, report);
    }

    /** The entry's bindings, or null (with each problem reported) if any of it is unusable. */
    private Array<Binding> parseEntry(JsonValue entry, String where, Report report) {
        if (!entry.isArray()) {
            report.problem(where + ": expected a list of input names, found a " + kind(entry)
                + "; the defaults stay");
            return null;
        }
        Array<Binding> parsed = new Array<>();
        boolean bad = false;
        int index = 0;
        for (JsonValue item = entry.child; item != null; item = item.next, index++) {
            Binding binding = item.isString() ? Binding.tryParse(item.asString()) : null;
            if (binding == null) {
                String found = item.isString() ? "unknown input name " + brief(item.asString())
                    : "expected an input name, found a " + kind(item);
                report.problem(where + "[" + index + "]: " + found + "; the defaults stay");
                bad = true;
            } else {
                parsed.add(binding);
            }
        }
        return bad ? null : parsed;
    }

    /**
     * A binding the player chose wins over a default that a newer game version gave to another
     * action of the same context. Every action of the context is looked at, not only the first
     * that shares the input: when the player gave one input to two actions, the first found is
     * the other chosen one, and a default behind it would otherwise stay.
     */
    private void dropShadowedDefaults(ActionMap map, Array<String> overridden, Report report) {
        for (int o = 0; o < overridden.size; o++) {
            String action = overridden.get(o);
            Array<Binding> chosen = map.bindings(action);
            Array<String> others = map.contextOf(action).actions();
            for (int b = 0; b < chosen.size; b++) {
                Binding binding = chosen.get(b);
                for (int i = 0; i < others.size; i++) {
                    String other = others.get(i);
                    if (!overridden.contains(other, false) && map.removeBinding(other, binding)) {
                        report.adjustments.add("default " + binding + " of '" + other
                            + "' dropped: the player bound it to '" + action + "'");
                    }
                }
            }
        }
    }

    /** Whether {@link FileHandle#file()} is the file itself, as it is not for internal or classpath files. */
    private boolean isOnDisk() {
        FileType type = file.type();
        return type == FileType.Absolute || type == FileType.Local || type == FileType.External;
    }

    private boolean isOversized() {
        return file.length() > MAX_FILE_BYTES;
    }

    private void keepAside(Report report) {
        FileHandle aside = file.sibling(file.name() + REJECTED_SUFFIX);
        try {
            if (isOversized()) {
                // Nothing of it was used, and copying it would cost its size in time and disk
                // space again at every start: renamed aside, it is kept once.
                replace(file, aside);
            } else {
                file.copyTo(aside);
            }
            report.keptAside = aside;
        } catch (GdxRuntimeException e) {
            report.problem(file.path() + ": could not keep a copy at " + aside.path() + ": " + e.getMessage());
        }
    }

    /** What a value is, for a problem message: its type and {@link #shown} text. */
    private static String kind(JsonValue value) {
        switch (value.type()) {
            case stringValue:
                return "string (" + shown(value) + ")";
            case longValue:
            case doubleValue:
                return "number (" + shown(value) + ")";
            case booleanValue:
                return "boolean (" + shown(value) + ")";
            case nullValue:
                return "null";
            default:
                return shown(value);
        }
    }

    /**
     * A value as a problem message shows it: scalars as written, long strings cut short, objects
     * and arrays by their size alone. Never the whole value: serialising it would copy a huge one
     * into the report and recurse once per level of a deeply nested one, until the stack overflows.
     */
    private static String shown(JsonValue value) {
        if (value.isString()) {
            return brief(value.asString());
        }
        if (value.isObject() || value.isArray()) {
            return value.type().name() + " of " + value.size + (value.size == 1 ? " entry" : " entries");
        }
        return value.toJson(JsonWriter.OutputType.json);
    }

    /** {@code text} quoted, cut to its first 40 characters when longer. */
    private static String brief(String text) {
        return text.length() <= 40 ? quote(text)
                : quote(text.substring(0, 40)) + "... (" + text.length() + " characters)";
    }

    /** What {@link #load(ActionMap)} found; read it on the thread that called load. */
    public static final class Report {
        private final Array<String> problems = new Array<>();
        private final Array<String> adjustments = new Array<>();
        private boolean found;
        private FileHandle keptAside;

        /** Whether the file existed. */
        public boolean found() {
            return found;
        }

        /** Whether every entry was used as written. */
        public boolean isClean() {
            return problems.isEmpty();
        }

        /**
         * One message per dropped entry or unreadable file, each naming the file, the entry and
         * what was wrong; a copy the caller may keep.
         */
        public Array<String> problems() {
            return new Array<>(problems);
        }

        /** Defaults dropped because the player's own bindings took their inputs; a copy. */
        public Array<String> adjustments() {
            return new Array<>(adjustments);
        }

        /** Where the original file was copied when there were problems, else null. */
        public FileHandle keptAside() {
            return keptAside;
        }

        void problem(String message) {
            problems.add(message);
        }
    }
}
