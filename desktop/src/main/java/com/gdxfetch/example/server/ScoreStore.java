package com.gdxfetch.example.server;

import com.badlogic.gdx.utils.JsonReader;
import com.badlogic.gdx.utils.JsonValue;
import com.badlogic.gdx.utils.JsonWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The leaderboard, kept in one JSON file that is replaced atomically on every change (written to
 * a temporary file, then renamed over the old one), so a crash or a full disk never leaves a
 * half-written score file behind.
 *
 * <p>Submissions may carry an idempotency key: a retried submission with a key already seen is
 * answered with the first result and not counted again. Thread-safe: the HTTP server's worker
 * threads call it concurrently.
 */
final class ScoreStore {
    /** The largest score accepted; anything above is not a score this game can reach. */
    static final int MAX_SCORE = 1_000_000;
    private static final int MAX_ENTRIES = 1_000;
    private static final int MAX_KEYS = 5_000;
    private static final Comparator<ScoreEntry> BEST_FIRST =
            Comparator.comparingInt(ScoreEntry::score).reversed().thenComparingLong(ScoreEntry::id);

    /** The outcome of a submission. */
    record Submission(ScoreEntry entry, int rank, boolean replayed) {
    }

    private final Path file;
    private final List<ScoreEntry> entries = new ArrayList<>();
    private final Map<String, Long> idsByKey = new LinkedHashMap<>();
    private long nextId = 1;

    private ScoreStore(Path file) {
        this.file = file;
    }

    /**
     * Opens the store at {@code file}. A missing file starts a board with a few arcade-style
     * default scores; an unreadable one is moved aside to {@code <name>.corrupt} and replaced.
     */
    static ScoreStore open(Path file) throws IOException {
        ScoreStore store = new ScoreStore(file);
        Files.createDirectories(file.toAbsolutePath().getParent());
        if (Files.exists(file)) {
            try {
                store.read(new JsonReader().parse(Files.readString(file, StandardCharsets.UTF_8)));
                return store;
            } catch (RuntimeException e) {
                Path aside = file.resolveSibling(file.getFileName() + ".corrupt");
                Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
                System.err.println("[server] score file " + file + " was unreadable (" + e.getMessage()
                        + "); kept it as " + aside + " and started a new board");
                store.entries.clear();
                store.idsByKey.clear();
            }
        }
        store.seed();
        store.save();
        return store;
    }

    /** The best {@code count} scores, best first. */
    synchronized List<ScoreEntry> top(int count) {
        return new ArrayList<>(entries.subList(0, Math.min(count, entries.size())));
    }

    /**
     * Records a score, or replays the first result when {@code idempotencyKey} was seen before.
     *
     * @param idempotencyKey the client's key for this submission, or null for none
     */
    synchronized Submission submit(String name, int score, String idempotencyKey) throws IOException {
        if (idempotencyKey != null) {
            Long seen = idsByKey.get(idempotencyKey);
            if (seen != null) {
                ScoreEntry entry = find(seen);
                return new Submission(entry, entry == null ? -1 : rankOf(entry), true);
            }
        }
        ScoreEntry entry = new ScoreEntry(nextId++, name, score, System.currentTimeMillis());
        entries.add(entry);
        entries.sort(BEST_FIRST);
        while (entries.size() > MAX_ENTRIES) {
            entries.remove(entries.size() - 1);
        }
        if (idempotencyKey != null) {
            idsByKey.put(idempotencyKey, entry.id());
            Iterator<String> oldest = idsByKey.keySet().iterator();
            while (idsByKey.size() > MAX_KEYS) {
                oldest.next();
                oldest.remove();
            }
        }
        save();
        return new Submission(entry, rankOf(entry), false);
    }

    private int rankOf(ScoreEntry entry) {
        int index = entries.indexOf(entry);
        return index < 0 ? -1 : index + 1;
    }

    private ScoreEntry find(long id) {
        for (ScoreEntry entry : entries) {
            if (entry.id() == id) {
                return entry;
            }
        }
        return null;
    }

    private void seed() {
        String[] names = {"NOVA", "ZED", "KIT", "ORBIT", "LUX", "PIP", "ROX", "DOT", "BIT"};
        for (int i = 0; i < names.length; i++) {
            entries.add(new ScoreEntry(nextId++, names[i], 2400 - i * 250, 0));
        }
    }

    private void read(JsonValue root) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("expected a JSON object");
        }
        for (JsonValue s = root.get("scores").child; s != null; s = s.next) {
            entries.add(new ScoreEntry(s.getLong("id"), s.getString("name"), s.getInt("score"), s.getLong("at")));
            nextId = Math.max(nextId, s.getLong("id") + 1);
        }
        JsonValue keys = root.get("keys");
        for (JsonValue k = keys == null ? null : keys.child; k != null; k = k.next) {
            idsByKey.put(k.name, k.asLong());
        }
        entries.sort(BEST_FIRST);
    }

    private void save() throws IOException {
        StringWriter text = new StringWriter();
        JsonWriter json = new JsonWriter(text);
        json.setOutputType(JsonWriter.OutputType.json);
        json.object().set("version", 1).array("scores");
        for (ScoreEntry e : entries) {
            json.object().set("id", e.id()).set("name", e.name()).set("score", e.score())
                    .set("at", e.epochMillis()).pop();
        }
        json.pop().object("keys");
        for (Map.Entry<String, Long> k : idsByKey.entrySet()) {
            json.set(k.getKey(), k.getValue());
        }
        json.pop().pop();
        json.close();
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temp, text.toString(), StandardCharsets.UTF_8);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
