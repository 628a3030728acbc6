package com.gdxfetch.image.internal;

import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.files.FileHandle;
import com.badlogic.gdx.graphics.GL20;
import com.badlogic.gdx.graphics.g2d.TextureAtlas.TextureAtlasData;
import com.badlogic.gdx.graphics.g2d.TextureRegion;
import com.badlogic.gdx.utils.Array;
import com.badlogic.gdx.utils.BufferUtils;
import com.badlogic.gdx.utils.GdxRuntimeException;
import com.badlogic.gdx.utils.ObjectMap;
import com.gdxfetch.internal.FetchLog;

import java.nio.IntBuffer;

/**
 * Local images and atlas regions by key. Each spelling a game used is remembered as an alias, so
 * a repeated lookup is one hash probe and allocates nothing. Render thread only.
 */
public final class LocalImages {
    /**
     * How often a key with no file is looked for again: a game that downloads images into the root
     * may ask for one before its file is there, and a look costs a file-system call.
     */
    private static final long LOOK_AGAIN_NANOS = 1_000_000_000L;

    private final ObjectMap<String, LocalSlot> slots = new ObjectMap<>();
    private final FileHandle root;
    private final TextureMemory memory;
    private final Placeholder placeholder;
    private final boolean usePlaceholder;
    private final FetchLog log;
    /** GL_MAX_TEXTURE_SIZE, asked on the first load, when the render thread's context is current; 0 until then. */
    private int glMaxTextureSize;

    /**
     * Images under {@code root}, counted in {@code memory}; missing ones show {@code placeholder}
     * if asked, and so do ones wider or taller than GL's largest texture, which GL would refuse
     * to store.
     */
    public LocalImages(FileHandle root, TextureMemory memory, Placeholder placeholder, boolean usePlaceholder,
            FetchLog log) {
        this.root = root;
        this.memory = memory;
        this.placeholder = placeholder;
        this.usePlaceholder = usePlaceholder;
        this.log = log;
    }

    /** The region for {@code path}, loading its texture if it is not resident. */
    public TextureRegion get(String path) {
        LocalSlot slot = slot(path);
        if (slot.sheet == null) {
            slot = lookAgain(path, slot);
        }
        LocalSheet sheet = slot.sheet;
        if (sheet == null || sheet.broken) {
            return placeholder.region();
        }
        sheet.touch(memory);
        if (sheet.texture == null && !load(path, slot)) {
            return placeholder.region();
        }
        return slot.region();
    }

    /** As {@link #get}, and keeps the texture from eviction until {@link #release}. */
    public TextureRegion retain(String path) {
        TextureRegion region = get(path);
        LocalSlot slot = slot(path);
        if (slot.sheet != null) {
            slot.sheet.retain();
        } else {
            slot.retainedWhileMissing++;
        }
        return region;
    }

    /** Drops a reference taken by {@link #retain}. */
    public void release(String path) {
        LocalSlot slot = slots.get(checkNotNull(path));
        if (slot == null) {
            slot = slots.get(ImagePaths.normalise(path));
        }
        if (slot == null) {
            throw new IllegalStateException("image '" + path + "' was never retained");
        }
        if (slot.sheet != null) {
            slot.sheet.release();
        } else if (slot.retainedWhileMissing > 0) {
            slot.retainedWhileMissing--;
        }
    }

    /**
     * Registers every region of the atlas at {@code path}; textures load when a region is first
     * drawn. Returns the number of regions.
     */
    public int addAtlas(String path) {
        String key = ImagePaths.normalise(path);
        FileHandle file = root.child(key);
        if (!file.exists()) {
            throw new IllegalArgumentException("atlas '" + path + "' not found (looked for " + file.path() + ")");
        }
        String atlas = "atlas '" + key + "'";
        byte[] text;
        try {
            text = file.readBytes();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(atlas + " cannot be read: " + e.getMessage(), e);
        }
        TextureAtlasData data = AtlasRegions.read(atlas, file.path(), text);
        int slash = key.lastIndexOf('/');
        String folder = slash < 0 ? "" : key.substring(0, slash + 1);
        ObjectMap<TextureAtlasData.Page, LocalSheet> sheets = new ObjectMap<>();
        for (TextureAtlasData.Page page : data.getPages()) {
            // Read from the atlas's folder as libGDX does, and held to the root as every local path is.
            String pageKey;
            try {
                pageKey = ImagePaths.normalise(folder + page.name);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(atlas + " page '" + page.name + "': " + e.getMessage(), e);
            }
            sheets.put(page, new LocalSheet(key + " page " + page.name, root.child(pageKey), page, key, data));
        }
        ObjectMap<String, TextureAtlasData.Region> names = AtlasRegions.names(atlas, data);
        ObjectMap<TextureAtlasData.Region, LocalSlot> regionSlots = new ObjectMap<>();
        // Names asked for before the atlas was added, each with the region it finds now.
        ObjectMap<LocalSlot, LocalSlot> askedBefore = null;
        for (ObjectMap.Entry<String, TextureAtlasData.Region> name : names) {
            LocalSlot taken = slots.get(name.key);
            if (taken != null && taken.sheet != null) {
                throw new IllegalArgumentException(atlas + " region '" + name.key
                        + "' is already registered by another image or atlas");
            }
            LocalSlot region = regionSlots.get(name.value);
            if (region == null) {
                region = new LocalSlot(sheets.get(name.value.page), name.value);
                regionSlots.put(name.value, region);
            }
            if (taken != null) {
                if (askedBefore == null) {
                    askedBefore = new ObjectMap<>();
                }
                askedBefore.put(taken, region);
            }
        }
        if (askedBefore != null) {
            for (ObjectMap.Entry<LocalSlot, LocalSlot> name : askedBefore) {
                found(name.key, name.value);
            }
        }
        for (ObjectMap.Entry<String, TextureAtlasData.Region> name : names) {
            slots.put(name.key, regionSlots.get(name.value));
        }
        return data.getRegions().size;
    }

    private LocalSlot slot(String path) {
        LocalSlot slot = slots.get(checkNotNull(path));
        return slot != null ? slot : resolve(path);
    }

    private LocalSlot resolve(String path) {
        String key = ImagePaths.normalise(path);
        LocalSlot slot = slots.get(key);
        if (slot == null) {
            FileHandle file = root.child(key);
            if (!file.exists()) {
                if (!usePlaceholder) {
                    throw new IllegalArgumentException("no image '" + path + "' (looked for " + file.path() + ")");
                }
                log.warn("no image '" + path + "' (looked for " + file.path() + "); showing the placeholder"
                        + " until the file appears");
                slot = new LocalSlot(null, null);
                slot.lookedForNanos = System.nanoTime();
            } else {
                slot = new LocalSlot(new LocalSheet(key, file), null);
            }
            slots.put(key, slot);
        }
        if (!key.equals(path)) {
            slots.put(path, slot);
        }
        return slot;
    }

    /**
     * {@code missing}, a key with no file, or, once its file has appeared (looked for at most once
     * a {@link #LOOK_AGAIN_NANOS}), the image, under every spelling that found it missing.
     */
    private LocalSlot lookAgain(String path, LocalSlot missing) {
        long now = System.nanoTime();
        if (now - missing.lookedForNanos < LOOK_AGAIN_NANOS) {
            return missing;
        }
        missing.lookedForNanos = now;
        String key = ImagePaths.normalise(path);
        FileHandle file = root.child(key);
        if (!file.exists()) {
            return missing;
        }
        LocalSlot found = new LocalSlot(new LocalSheet(key, file), null);
        found(missing, found);
        return found;
    }

    /**
     * Points every spelling that found {@code missing} at {@code found}, which takes the
     * references the game took meanwhile, to release from it.
     */
    private void found(LocalSlot missing, LocalSlot found) {
        for (int i = 0; i < missing.retainedWhileMissing; i++) {
            found.sheet.retain();
        }
        Array<String> spellings = new Array<>();
        for (ObjectMap.Entry<String, LocalSlot> entry : slots) {
            if (entry.value == missing) {
                spellings.add(entry.key);
            }
        }
        for (int i = 0; i < spellings.size; i++) {
            slots.put(spellings.get(i), found);
        }
    }

    /** libGDX's message, which names only the file, and the decoder's reason for refusing it. */
    private static String reason(GdxRuntimeException e) {
        String why = DecoderReason.of(e);
        return why == null ? e.getMessage() : e.getMessage() + " (" + why + ")";
    }

    private boolean load(String path, LocalSlot slot) {
        LocalSheet sheet = slot.sheet;
        long bytes;
        try {
            if (glMaxTextureSize == 0) {
                glMaxTextureSize = glMaxTextureSize();
            }
            bytes = sheet.load(glMaxTextureSize);
        } catch (GdxRuntimeException e) {
            if (!usePlaceholder) {
                // The same exception as an unknown path: both are bad input the game can catch one way.
                throw new IllegalArgumentException("could not load image '" + path + "' from " + sheet.file.path()
                        + ": " + reason(e), e);
            }
            log.warn("could not load image '" + path + "' from " + sheet.file.path() + " (" + reason(e)
                    + "); showing the placeholder");
            sheet.broken = true;
            return false;
        }
        memory.add(sheet, bytes);
        memory.evict();
        return true;
    }

    private static String checkNotNull(String path) {
        if (path == null) {
            throw new IllegalArgumentException("image path is null");
        }
        return path;
    }

    /**
     * The current context's GL_MAX_TEXTURE_SIZE, or {@link Integer#MAX_VALUE} without GL (a
     * headless backend) or an answer of none. Render thread, with the context current: GL is not
     * asked at construction, where a cache made off that thread would find no context.
     */
    public static int glMaxTextureSize() {
        if (Gdx.gl == null) {
            return Integer.MAX_VALUE;
        }
        IntBuffer size = BufferUtils.newIntBuffer(16);
        Gdx.gl.glGetIntegerv(GL20.GL_MAX_TEXTURE_SIZE, size);
        int max = size.get(0);
        return max > 0 ? max : Integer.MAX_VALUE;
    }
}
