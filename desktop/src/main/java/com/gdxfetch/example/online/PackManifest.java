package com.gdxfetch.example.online;

/** The body of {@code GET /packs/music-pack.json}: what the pack must be once downloaded. */
public final class PackManifest {
    public String file;
    public long size = -1;
    public String sha256;
}
