package com.gdxfetch.example.sheet;

import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.files.FileHandle;
import com.badlogic.gdx.graphics.Pixmap;
import com.badlogic.gdx.graphics.Texture;
import com.badlogic.gdx.graphics.g2d.TextureAtlas;
import com.badlogic.gdx.graphics.g2d.TextureAtlas.TextureAtlasData;
import com.badlogic.gdx.utils.Array;
import com.badlogic.gdx.utils.Disposable;
import com.gdxfetch.net.FetchCallback;
import com.gdxfetch.net.FetchException;
import com.gdxfetch.net.FetchHandle;
import com.gdxfetch.net.FetchManager;
import com.gdxfetch.net.HttpResponse;
import com.gdxfetch.net.ResponseDecoder;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Loads a {@link TextureAtlas} from a server: the {@code .atlas} first, then all its page images
 * at once, each kept in a disk cache with its ETag and revalidated with {@code If-None-Match} on
 * later runs (a {@code 304} costs no body). Parsing the atlas and decoding the PNGs happen in
 * response decoders, on worker threads; the render thread only uploads finished pixmaps.
 *
 * <p>Render thread only, except the progress getters, which any thread may read. Failure (network,
 * HTTP status, a corrupt file) stops the load: {@link #failure()} says why and {@link #retry()}
 * starts again.
 */
public final class RemoteSheetLoader implements Disposable {
    private final FetchManager fetch;
    private final String baseUrl;
    private final String atlasName;
    private final DiskCache cache;
    private final Path cacheDir;
    private final Array<FetchHandle<?>> handles = new Array<>();
    private TextureAtlasData data;
    private int pagesUploaded;
    private int notModified;
    private TextureAtlas atlas;
    private String failure;

    /**
     * A loader for {@code baseUrl + "/sheets/" + atlasName}; nothing is sent before {@link #start()}.
     *
     * @param cacheDir folder for the cached files and their ETags
     */
    public RemoteSheetLoader(FetchManager fetch, String baseUrl, String atlasName, FileHandle cacheDir) {
        this.fetch = fetch;
        this.baseUrl = baseUrl;
        this.atlasName = atlasName;
        this.cacheDir = cacheDir.file().toPath();
        this.cache = new DiskCache(this.cacheDir);
    }

    /** Sends the atlas request. Render thread. */
    public void start() {
        handles.add(request(atlasName, this::parseAtlas, new Step<TextureAtlasData>() {
            @Override
            public void onSuccess(TextureAtlasData parsed, HttpResponse response) {
                count(response);
                data = parsed;
                for (TextureAtlasData.Page page : parsed.getPages()) {
                    requestPage(page);
                }
            }
        }));
    }

    /** Forgets a failed attempt and starts again. Render thread. */
    public void retry() {
        fetch.cancelAll(this);
        releasePages();
        handles.clear();
        data = null;
        pagesUploaded = 0;
        notModified = 0;
        failure = null;
        start();
    }

    /** The loaded atlas, or null until every page is uploaded; the caller owns it from then on. */
    public TextureAtlas atlas() {
        return atlas;
    }

    /** Why loading stopped, or null while it goes on or after success. */
    public String failure() {
        return failure;
    }

    /** Files requested so far: the atlas, then its pages. */
    public int fileCount() {
        return handles.size;
    }

    /** Files answered {@code 304 Not Modified} and read from the disk cache. */
    public int notModifiedCount() {
        return notModified;
    }

    /** Response body bytes received so far, over all files. */
    public long bytesReceived() {
        long sum = 0;
        for (int i = 0; i < handles.size; i++) {
            sum += handles.get(i).bytesReceived();
        }
        return sum;
    }

    /** Bytes expected over all files whose length is known yet (304s count as 0). */
    public long bytesExpected() {
        long sum = 0;
        for (int i = 0; i < handles.size; i++) {
            FetchHandle<?> handle = handles.get(i);
            sum += handle.isDone() ? handle.bytesReceived() : Math.max(0, handle.contentLength());
        }
        return sum;
    }

    /** Progress from 0 to 1: finished files, plus the fraction of those still downloading. */
    public float progress() {
        if (atlas != null) {
            return 1f;
        }
        int files = data == null ? 2 : 1 + data.getPages().size;
        float done = 0;
        for (int i = 0; i < handles.size; i++) {
            FetchHandle<?> handle = handles.get(i);
            long length = handle.contentLength();
            done += handle.isSuccess() ? 1f : !handle.isDone() && length > 0 ? (float) handle.bytesReceived() / length : 0f;
        }
        return Math.min(1f, done / files);
    }

    private void requestPage(TextureAtlasData.Page page) {
        String name = page.textureFile.name();
        handles.add(request(name, bytes -> new Pixmap(bytes, 0, bytes.length), new Step<Pixmap>() {
            @Override
            public void onSuccess(Pixmap pixmap, HttpResponse response) {
                count(response);
                if (failure != null) {
                    pixmap.dispose();
                    return;
                }
                page.texture = new Texture(pixmap, page.format, page.useMipMaps);
                pixmap.dispose();
                if (++pagesUploaded == data.getPages().size) {
                    atlas = new TextureAtlas(data);
                    Gdx.app.log("sheet", summary());
                }
            }
        }));
    }

    private String summary() {
        int downloaded = handles.size - notModified;
        return "Remote sprite sheet loaded: " + atlasName + " (" + data.getPages().size + " pages) from " + baseUrl
                + ": " + downloaded + " file(s) downloaded, " + bytesReceived() + " bytes; " + notModified
                + " file(s) revalidated with 304 Not Modified and read from the disk cache";
    }

    private void count(HttpResponse response) {
        if (response.status() == 304) {
            notModified++;
        }
    }

    private <T> FetchHandle<T> request(String name, Parser<T> parser, Step<T> step) {
        String etag = cache.etag(name);
        var builder = fetch.get(baseUrl + "/sheets/" + name).tag(this).priority(10);
        if (etag != null) {
            builder.header("If-None-Match", etag);
        }
        ResponseDecoder<T> decoder = response -> parser.parse(fresh(name, response));
        return builder.send(decoder, step);
    }

    /** Runs on a worker thread: the body of a 200, stored, or the cached copy a 304 confirmed. */
    private byte[] fresh(String name, HttpResponse response) throws IOException {
        if (response.status() == 304) {
            return cache.read(name);
        }
        if (response.status() != 200) {
            throw new IOException("HTTP " + response.status() + " " + response.reason() + " for " + response.url());
        }
        cache.write(name, response.body(), response.header("ETag"));
        return response.body();
    }

    /** Runs on a worker thread: reads the page list and regions from the cached atlas file. */
    private TextureAtlasData parseAtlas(byte[] ignored) {
        FileHandle file = new FileHandle(cache.path(atlasName).toFile());
        return new TextureAtlasData(file, new FileHandle(cacheDir.toFile()), false);
    }

    private void releasePages() {
        if (data == null) {
            return;
        }
        for (TextureAtlasData.Page page : data.getPages()) {
            if (page.texture != null) {
                page.texture.dispose();
                page.texture = null;
            }
        }
    }

    /** Cancels what is still loading and frees textures not yet handed over as an atlas. Render thread. */
    @Override
    public void dispose() {
        fetch.cancelAll(this);
        if (atlas == null) {
            releasePages();
        }
    }

    /** Turns a file's bytes into what the loader needs; runs on a worker thread. */
    private interface Parser<T> {
        T parse(byte[] bytes) throws Exception;
    }

    /** A file's callback: any failure stops the whole load. */
    private abstract class Step<T> implements FetchCallback<T> {
        @Override
        public void onFailure(FetchException e) {
            if (failure == null) {
                failure = describe(e);
                fetch.cancelAll(RemoteSheetLoader.this);
                releasePages();
            }
        }
    }

    private static String describe(FetchException e) {
        switch (e.kind()) {
            case CONNECT_REFUSED:
            case UNKNOWN_HOST:
            case CONNECT_TIMEOUT:
                return "Can't reach the game server (" + e.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                        + "). Is it running?";
            case DECODE:
                return "a sprite sheet file was unusable: " + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
            default:
                return e.getMessage();
        }
    }
}
