package com.gdxfetch.image.internal;

import com.badlogic.gdx.graphics.Texture;
import com.badlogic.gdx.graphics.g2d.TextureAtlas.AtlasRegion;
import com.badlogic.gdx.graphics.g2d.TextureAtlas.TextureAtlasData;
import com.badlogic.gdx.utils.Array;
import com.badlogic.gdx.utils.ObjectMap;
import com.badlogic.gdx.utils.OrderedMap;
import com.gdxfetch.net.internal.ParsedUrl;

import java.util.Arrays;

/** Builds drawable regions from parsed atlas data, the way {@code TextureAtlas} does. */
public final class AtlasRegions {
    /**
     * Pages a remote atlas may list. Each page is one more request and texture, and an atlas is
     * text anyone can write: without a bound, a few kilobytes of page lines (or any text file
     * served in place of an atlas) start thousands of downloads. TexturePacker's atlases for a
     * whole game stay in the tens.
     */
    public static final int MAX_PAGES = 256;

    /**
     * Regions a remote atlas may list. Each costs a few hundred bytes of parsed data and then a
     * region object and two name entries made on the render thread in one frame; a 32 MiB atlas
     * of one-pixel regions lists a million and a half. TexturePacker atlases hold thousands.
     */
    public static final int MAX_REGIONS = 65_536;

    /**
     * Pixels the pages of one remote atlas may hold together, 16 pages of 4096 x 4096 (1 GiB as
     * textures), or the per-image limit when that is higher. Each page is held to the per-image
     * limit; without this, an atlas of {@link #MAX_PAGES} pages, each a few hundred bytes
     * declaring the most that limit allows, would bring in 256 times it.
     */
    public static final long MAX_ATLAS_PIXELS = 16L * 4096 * 4096;

    private AtlasRegions() {
    }

    /** A region of {@code texture} described by {@code data}. */
    public static AtlasRegion create(TextureAtlasData.Region data, Texture texture) {
        AtlasRegion region = new AtlasRegion(texture, data.left, data.top,
                data.rotate ? data.height : data.width, data.rotate ? data.width : data.height);
        region.index = data.index;
        region.name = data.name;
        region.offsetX = data.offsetX;
        region.offsetY = data.offsetY;
        region.originalWidth = data.originalWidth;
        region.originalHeight = data.originalHeight;
        region.rotate = data.rotate;
        region.degrees = data.degrees;
        region.names = data.names;
        region.values = data.values;
        if (data.flip) {
            region.flip(false, true);
        }
        return region;
    }

    /**
     * The cache key of {@code data}: its name, plus {@code _index} when TexturePacker split a
     * trailing number off the file name ({@code run_1.png} is {@code run} index 1), normalised as
     * an image path.
     *
     * @throws IllegalArgumentException if the name is no path (empty, or climbing with {@code ..})
     */
    public static String key(TextureAtlasData.Region data) {
        String name = ImagePaths.normalise(data.name);
        return data.index >= 0 ? name + '_' + data.index : name;
    }

    /**
     * Every name the regions of {@code data} answer to, as a local atlas's regions answer to
     * {@code ImageCache.get} and a remote one's to {@code ImageHandle.region}: each region under
     * its {@linkplain #key key}, and the lowest index of each indexed name also under the bare
     * name, unless a region is called that itself ({@code run.png} beside {@code run_1.png}).
     * Names are normalised as image paths, so every spelling of one finds it. In atlas order.
     *
     * @param atlas names the atlas in messages, such as {@code "atlas 'sprites/hero.atlas'"}
     * @throws IllegalArgumentException naming the atlas and the region, for a key two regions
     *     have or a name that is no path
     */
    public static OrderedMap<String, TextureAtlasData.Region> names(String atlas, TextureAtlasData data) {
        Array<TextureAtlasData.Region> regions = data.getRegions();
        OrderedMap<String, TextureAtlasData.Region> names = new OrderedMap<>(regions.size * 2);
        ObjectMap<String, TextureAtlasData.Region> lowest = new ObjectMap<>();
        for (int i = 0, n = regions.size; i < n; i++) {
            TextureAtlasData.Region region = regions.get(i);
            String key;
            String base;
            try {
                key = key(region);
                base = ImagePaths.normalise(region.name);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(atlas + " region '" + region.name + "': " + e.getMessage(), e);
            }
            if (names.put(key, region) != null) {
                throw new IllegalArgumentException(atlas + " has region '" + key + "' twice");
            }
            if (region.index >= 0) {
                TextureAtlasData.Region seen = lowest.get(base);
                if (seen == null || region.index < seen.index) {
                    lowest.put(base, region);
                }
            }
        }
        for (ObjectMap.Entry<String, TextureAtlasData.Region> entry : lowest) {
            if (!names.containsKey(entry.key)) {
                names.put(entry.key, entry.value);
            }
        }
        return names;
    }

    /**
     * Makes a page listed twice one page, its regions on the first listing, so its image is
     * downloaded and held once rather than as two textures of the same pixels. Pages are the same
     * when their names lead to one URL ({@code hero.png}, {@code ./hero.png}, {@code /hero.png});
     * a name that is no URL stands for itself, and fails the atlas once its pages are requested.
     * The first listing's filter and wrap apply to both.
     */
    private static void mergeRepeatedPages(String atlasUrl, TextureAtlasData data) {
        Array<TextureAtlasData.Page> pages = data.getPages();
        ObjectMap<String, TextureAtlasData.Page> firstByName = new ObjectMap<>();
        ObjectMap<TextureAtlasData.Page, TextureAtlasData.Page> repeats = new ObjectMap<>();
        for (int i = 0; i < pages.size; i++) {
            TextureAtlasData.Page page = pages.get(i);
            String key;
            try {
                key = pageUrl(atlasUrl, page.name);
            } catch (IllegalArgumentException e) {
                key = page.name;
            }
            TextureAtlasData.Page first = firstByName.get(key);
            if (first == null) {
                firstByName.put(key, page);
            } else {
                repeats.put(page, first);
                pages.removeIndex(i--);
            }
        }
        if (repeats.size == 0) {
            return;
        }
        Array<TextureAtlasData.Region> regions = data.getRegions();
        for (int i = 0; i < regions.size; i++) {
            TextureAtlasData.Region region = regions.get(i);
            TextureAtlasData.Page first = repeats.get(region.page);
            if (first != null) {
                region.page = first;
            }
        }
    }

    /**
     * What is wrong with the regions {@code atlas} places on {@code page}, now that its image
     * turned out {@code width} x {@code height}, or null when each lies inside it. libGDX takes any
     * numbers: a region past the edge draws whatever the wrap mode repeats or clamps there, so a
     * bad atlas would show wrong pixels instead of failing.
     */
    public static String misfit(String atlasUrl, TextureAtlasData atlas, TextureAtlasData.Page page, int width,
            int height) {
        Array<TextureAtlasData.Region> regions = atlas.getRegions();
        for (int i = 0, n = regions.size; i < n; i++) {
            TextureAtlasData.Region r = regions.get(i);
            if (r.page != page) {
                continue;
            }
            // Rotated regions are stored turned a quarter on the page, as create() reads them.
            long across = r.rotate ? r.height : r.width;
            long down = r.rotate ? r.width : r.height;
            if (r.left < 0 || r.top < 0 || across < 0 || down < 0 || r.left + across > width
                    || r.top + down > height) {
                return "atlas " + atlasUrl + " region '" + r.name + "' (" + r.left + "," + r.top + " " + across + "x"
                        + down + (r.rotate ? ", rotated" : "") + ") lies outside its page '" + page.name + "' ("
                        + width + "x" + height + ")";
            }
        }
        return null;
    }

    /** Sets the page's filter and wrap on its new texture. */
    public static void applyPage(Texture texture, TextureAtlasData.Page page) {
        if (page != null) {
            texture.setFilter(page.minFilter, page.magFilter);
            texture.setWrap(page.uWrap, page.vWrap);
        }
    }

    /**
     * The URL of an atlas page. libGDX reads a page as a file in the atlas's folder, dropping
     * leading and repeated slashes, so on a server the name is a path beside the atlas: it may
     * climb folders, but it never names another host, and dot-segments above the root are
     * dropped (RFC 3986 5.2.4). A {@code %}, {@code ?} or {@code #} is part of the file's name.
     *
     * @throws IllegalArgumentException if the name cannot be a path
     */
    public static String pageUrl(String atlasUrl, String pageName) {
        String file = pageName.replaceAll("/{2,}", "/").replaceFirst("^/", "")
                .replace("%", "%25").replace("?", "%3F").replace("#", "%23");
        return ParsedUrl.of(ParsedUrl.of(atlasUrl).resolve("./" + file)).normalized;
    }

    /**
     * Reads atlas text as libGDX does, but skipping the byte order mark an editor may have put
     * first, and refusing an atlas of no regions. Local and remote atlases both come here.
     *
     * @param atlas names the atlas in messages, such as {@code "atlas 'sprites/hero.atlas'"}
     * @param file the name libGDX's own message gives the file
     * @throws IllegalArgumentException naming the atlas if the text is malformed or lists no regions
     */
    public static TextureAtlasData read(String atlas, String file, byte[] text) {
        // Editors on Windows save UTF-8 with a byte order mark, which libGDX would read as part of
        // the first page's name and so look for a file that does not exist.
        byte[] body = text.length >= 3 && (text[0] & 0xff) == 0xef && (text[1] & 0xff) == 0xbb
                && (text[2] & 0xff) == 0xbf ? Arrays.copyOfRange(text, 3, text.length) : text;
        TextureAtlasData data;
        try {
            data = new TextureAtlasData(new MemoryFileHandle(file, body), MemoryFileHandle.ROOT, false);
        } catch (RuntimeException e) {
            // GdxRuntimeException names the line; its region sort throws IllegalArgumentException
            // ("Comparison method violates its general contract!") for indexes it cannot order.
            throw new IllegalArgumentException(atlas + " is malformed: " + e.getMessage(), e);
        }
        // libGDX reads an empty file as an atlas of nothing; the load would then succeed with no
        // region to draw, and every lookup would show the placeholder without saying why.
        if (data.getRegions().size == 0) {
            throw new IllegalArgumentException(atlas + " lists no regions");
        }
        return data;
    }

    /**
     * Parses atlas text already in memory, fetched from {@code name}, its URL, which appears in
     * error messages and which its pages' names are resolved against.
     *
     * @throws IllegalArgumentException naming the atlas if the text is malformed, lists no
     *     regions, more than {@link #MAX_REGIONS} regions or more than {@link #MAX_PAGES} pages,
     *     or a region name twice (see {@link #names})
     */
    public static TextureAtlasData parse(String name, byte[] text) {
        TextureAtlasData data = read("atlas " + name, name, text);
        int regions = data.getRegions().size;
        if (regions > MAX_REGIONS) {
            throw new IllegalArgumentException("atlas " + name + " lists " + regions + " regions, more than the "
                    + MAX_REGIONS + " a remote atlas may have");
        }
        int pages = data.getPages().size;
        if (pages > MAX_PAGES) {
            throw new IllegalArgumentException("atlas " + name + " lists " + pages + " pages, more than the "
                    + MAX_PAGES + " a remote atlas may have");
        }
        // A name two regions share would draw whichever came first: refused, as a local atlas is.
        names("atlas " + name, data);
        mergeRepeatedPages(name, data);
        return data;
    }
}
