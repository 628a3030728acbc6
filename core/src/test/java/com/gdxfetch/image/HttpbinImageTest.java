package com.gdxfetch.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.gdxfetch.net.FailureKind;
import com.gdxfetch.net.FetchConfig;
import com.gdxfetch.net.FetchManager;
import com.gdxfetch.net.Transports;
import com.gdxfetch.testing.GlTestWindow;
import com.gdxfetch.testing.HttpbinForClass;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** httpbin's sample images through the image cache: the formats libGDX decodes, and two it does not. */
class HttpbinImageTest extends ImageServerTest {
    @RegisterExtension
    static final HttpbinForClass httpbin = new HttpbinForClass();
    @TempDir
    Path root;

    @BeforeEach
    void open() {
        openWithoutDiskCache(root);
    }

    private ImageHandle load(String path) {
        return loadUntilDone(httpbin.url(path));
    }

    @Test
    void pngAndJpegImagesLoad() {
        assertFalse(load("/image/png").isFailed());
        assertFalse(load("/image/jpeg").isFailed());
    }

    @Test
    void anImageTheServerNegotiatesComesInAFormatTheCacheDecodesThroughEitherTransport() {
        // httpbin's /image picks WebP, SVG, JPEG or PNG by the Accept field, and refuses */*
        // (which Gdx.net's HttpURLConnection sends when a request names none) with a 406.
        ImageHandle sockets = load("/image");
        assertFalse(sockets.isFailed(), () -> String.valueOf(sockets.failure()));
        GlTestWindow.run(() -> {
            images.dispose();
            fetch.dispose();
            fetch = new FetchManager(FetchConfig.builder().transport(Transports.gdxNet()).build());
        });
        openWithoutDiskCache(root);
        ImageHandle gdxNet = load("/image");
        assertFalse(gdxNet.isFailed(), () -> String.valueOf(gdxNet.failure()));
    }

    @Test
    void aWebpImageFailsAsDecodeNamingItsFormat() {
        ImageHandle handle = load("/image/webp");
        assertTrue(handle.isFailed());
        assertEquals(FailureKind.DECODE, handle.failure().kind(), handle.failure().getMessage());
        assertTrue(handle.failure().getMessage().contains("WebP"), handle.failure().getMessage());
        assertTrue(handle.failure().getMessage().contains("image/webp"), handle.failure().getMessage());
    }

    @Test
    void anSvgImageFailsAsDecodeNamingItsFormat() {
        ImageHandle handle = load("/image/svg");
        assertTrue(handle.isFailed());
        assertEquals(FailureKind.DECODE, handle.failure().kind(), handle.failure().getMessage());
        assertTrue(handle.failure().getMessage().contains("SVG"), handle.failure().getMessage());
    }
}
