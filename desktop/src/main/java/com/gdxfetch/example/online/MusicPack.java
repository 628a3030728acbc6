package com.gdxfetch.example.online;

import com.badlogic.gdx.files.FileHandle;
import com.gdxfetch.net.Decoders;
import com.gdxfetch.net.DownloadHandle;
import com.gdxfetch.net.FetchCallback;
import com.gdxfetch.net.FetchException;
import com.gdxfetch.net.FetchManager;
import com.gdxfetch.net.HttpResponse;
import java.util.function.Consumer;

/**
 * The optional music pack: a long track brought down in the background with
 * {@link FetchManager#download}, checked against the server's manifest (size and SHA-256) and
 * renamed into place only then. Quitting mid-way leaves {@code music-pack.wav.part} beside it,
 * and the next start resumes from those bytes with a range request.
 *
 * <p>Render thread only; callbacks arrive inside {@code fetch.update()}. The one file check, whether
 * the pack is already in place, happens in the constructor, at start-up.
 */
public final class MusicPack {
    private final FetchManager fetch;
    private final String baseUrl;
    private final FileHandle file;
    private final String path;
    private final Consumer<String> log;
    private boolean ready;
    private boolean started;
    private DownloadHandle download;
    private String failure;

    /** The pack at {@code file}, from the server at {@code baseUrl}; {@code log} gets one line per outcome. */
    public MusicPack(FetchManager fetch, String baseUrl, FileHandle file, Consumer<String> log) {
        this.fetch = fetch;
        this.baseUrl = baseUrl;
        this.file = file;
        this.path = file.file().getAbsolutePath();
        this.log = log;
        // Only complete, verified packs are ever renamed to this name.
        this.ready = file.exists();
    }

    /** Asks for the manifest, then downloads (or resumes) the pack; nothing when it is already here. */
    public void start() {
        if (ready || started) {
            return;
        }
        started = true;
        failure = null;
        // A server without the pack answers 404 with a JSON error body, which must not pass for a manifest.
        fetch.get(ServerPaths.musicPackManifest(baseUrl)).failOnHttpError(true)
                .send(Decoders.json(PackManifest.class), new FetchCallback<PackManifest>() {
                    @Override
                    public void onSuccess(PackManifest manifest, HttpResponse response) {
                        try {
                            download(manifest);
                        } catch (IllegalArgumentException badManifest) {
                            failed("BAD_MANIFEST", badManifest.getMessage());
                        }
                    }

                    @Override
                    public void onFailure(FetchException e) {
                        failed(e);
                    }
                });
    }

    /** @throws IllegalArgumentException for a manifest without a size or a SHA-256 */
    private void download(PackManifest manifest) {
        if (manifest == null || manifest.size < 0 || manifest.sha256 == null) {
            throw new IllegalArgumentException("the manifest names no size or SHA-256");
        }
        download = fetch.download(ServerPaths.musicPack(baseUrl), file)
                .expectSize(manifest.size).sha256(manifest.sha256)
                .autoResume(3).stallTimeout(10_000)
                .send(new FetchCallback<FileHandle>() {
                    @Override
                    public void onSuccess(FileHandle done, HttpResponse response) {
                        ready = true;
                        log.accept("Music pack ready: " + done.name() + ", " + done.length() + " bytes"
                                + (download.resumedFrom() > 0 ? ", resumed from byte " + download.resumedFrom() : ""));
                    }

                    @Override
                    public void onFailure(FetchException e) {
                        failed(e);
                    }
                });
    }

    private void failed(FetchException e) {
        failed(e.kind().name(), e.getMessage());
    }

    private void failed(String kind, String message) {
        started = false;
        failure = "Music pack: " + kind + " - it resumes at the next start";
        log.accept("Music pack failed: " + message);
    }

    /** Whether the pack is on disk, complete and verified. */
    public boolean isReady() {
        return ready;
    }

    /** Whether a download is under way. */
    public boolean isDownloading() {
        return started && !ready && failure == null;
    }

    /** 0 to 1, the bytes kept from an earlier run included. */
    public float progress() {
        return ready ? 1f : download == null ? 0f : download.progress();
    }

    /** Bytes on disk so far, those resumed from an earlier run included; 0 before the download starts. */
    public long bytesWritten() {
        return download == null ? 0 : download.bytesWritten();
    }

    /** Where this run's download resumed from; 0 when it started from zero or has not started. */
    public long resumedFrom() {
        return download == null ? 0 : download.resumedFrom();
    }

    /** Bytes per second of the current attempt. */
    public double bytesPerSecond() {
        return download == null ? 0 : download.bytesPerSecond();
    }

    /** A line about the last failure, or null. */
    public String failure() {
        return failure;
    }

    /** Whether {@code song} names this pack's file. */
    public boolean owns(String song) {
        return path.equals(song);
    }

    /** The pack's path once it is ready, else {@code fallback}: the song the scenes ask for. */
    public String song(String fallback) {
        return ready ? path : fallback;
    }
}
