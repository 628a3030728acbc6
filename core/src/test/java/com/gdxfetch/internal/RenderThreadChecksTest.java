package com.gdxfetch.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.badlogic.gdx.Input.Keys;
import com.badlogic.gdx.files.FileHandle;
import com.badlogic.gdx.graphics.Color;
import com.gdxfetch.audio.MusicDirector;
import com.gdxfetch.graphics.CachedComposite;
import com.gdxfetch.image.ImageCache;
import com.gdxfetch.image.ImageCacheConfig;
import com.gdxfetch.image.ImageHandle;
import com.gdxfetch.input.ActionMap;
import com.gdxfetch.input.Binding;
import com.gdxfetch.input.GamepadInput;
import com.gdxfetch.input.InputMapper;
import com.gdxfetch.input.PadButtons;
import com.gdxfetch.input.RebindCapture;
import com.gdxfetch.input.TestController;
import com.gdxfetch.net.FetchManager;
import com.gdxfetch.text.TextCache;
import java.io.File;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every render-thread class refuses a call from another thread the same way: an
 * {@link IllegalStateException} naming the class and both threads, before it touches any state.
 */
class RenderThreadChecksTest {
    private static final String OTHER = "not-the-render-thread";

    @TempDir
    File dir;

    @Test
    void imageCacheRefusesAnotherThread() {
        ImageCache images = new ImageCache(null, new FileHandle(dir),
                ImageCacheConfig.builder().noDiskCache().maxTextureSize(1024).build());
        assertRefused("ImageCache", () -> images.get("missing.png"));
        assertRefused("ImageCache", images::update);
    }

    @Test
    void imageCacheCountersRefuseAnotherThread() {
        ImageCache images = new ImageCache(null, new FileHandle(dir),
                ImageCacheConfig.builder().noDiskCache().maxTextureSize(1024).build());
        assertRefused("ImageCache", images::residentBytes);
        assertRefused("ImageCache", images::residentCount);
        assertRefused("ImageCache", images::uploadsLastFrame);
        assertRefused("ImageCache", images::uploadedBytesLastFrame);
    }

    @Test
    void imageHandleRefusesAnotherThreadWithoutReleasingOrDrawing() {
        FetchManager fetch = new FetchManager();
        ImageCache images = new ImageCache(fetch, new FileHandle(dir),
                ImageCacheConfig.builder().noDiskCache().maxTextureSize(1024).build());
        try {
            // Nothing answers: the load stays under way while the other thread tries the handle.
            ImageHandle handle = images.load("http://127.0.0.1:9/level.png");
            assertRefused("ImageHandle", handle::release);
            assertRefused("ImageHandle", handle::region);
            assertRefused("ImageHandle", () -> handle.region("door"));
            assertFalse(handle.isDone(), "the refused release did not cancel the load");
        } finally {
            images.dispose();
            fetch.dispose();
        }
    }

    @Test
    void textCacheRefusesAnotherThread() {
        TextCache texts = new TextCache();
        assertRefused("TextCache", () -> texts.get("label", TextCache.DEFAULT_FONT, Color.WHITE, 16));
        assertRefused("TextCache", texts::update);
        assertRefused("TextCache", texts::clear);
        assertEquals(0, texts.size(), "nothing was laid out");
    }

    @Test
    void textCacheCountersRefuseAnotherThread() {
        TextCache texts = new TextCache();
        // fontCount() and textureByteSize() walk libGDX maps, whose iterators are shared and not thread-safe.
        assertRefused("TextCache", texts::size);
        assertRefused("TextCache", texts::byteSize);
        assertRefused("TextCache", texts::fontCount);
        assertRefused("TextCache", texts::textureByteSize);
        assertRefused("TextCache", texts::promotedCount);
        assertRefused("TextCache", texts::promotionPaints);
        assertRefused("TextCache", texts::hits);
        assertRefused("TextCache", texts::misses);
        texts.dispose();
        assertEquals(0, texts.size(), "counters stay readable on the render thread after dispose()");
    }

    @Test
    void aTextCacheDisposedFromAnotherThreadIsRefusedAndStaysUsable() {
        TextCache texts = new TextCache();
        assertRefused("TextCache", texts::dispose);
        // Not disposed by the refused call: the owner can still use it, then dispose it.
        texts.update();
        texts.dispose();
    }

    @Test
    void inputMapperRefusesAnotherThread() {
        ActionMap map = new ActionMap();
        map.context("gameplay", 0).action("jump", Binding.key(Keys.SPACE));
        InputMapper input = new InputMapper(map);
        assertRefused("InputMapper", () -> input.keyDown(Keys.SPACE));
        assertRefused("InputMapper", input::update);
        assertRefused("InputMapper", () -> input.isPressed("jump"));
        input.update();
        assertFalse(input.isPressed("jump"), "the refused key press changed nothing");
    }

    @Test
    void aRebindCaptureRefusesAnotherThreadAndKeepsItsConflict() {
        ActionMap map = new ActionMap();
        map.context("gameplay", 0).action("jump", Binding.key(Keys.SPACE)).action("fire", Binding.key(Keys.F));
        InputMapper input = new InputMapper(map);
        RebindCapture capture = input.startCapture("jump", 0);
        input.keyDown(Keys.F);
        input.keyUp(Keys.F);
        assertEquals(RebindCapture.State.CONFLICT, capture.state());
        assertRefused("RebindCapture", capture::swap);
        assertRefused("RebindCapture", capture::replace);
        assertRefused("RebindCapture", capture::cancel);
        assertEquals(RebindCapture.State.CONFLICT, capture.state());
        assertEquals(Binding.key(Keys.SPACE), map.binding("jump", 0), "the refused calls changed no binding");
    }

    @Test
    void aGamepadDisconnectFromAnotherThreadIsRefusedAndReleasesNothing() {
        ActionMap map = new ActionMap();
        map.context("gameplay", 0).action("jump", Binding.padButton(PadButtons.A));
        InputMapper input = new InputMapper(map);
        GamepadInput pads = new GamepadInput(input);
        TestController pad = new TestController();
        pads.buttonDown(pad, 0);
        input.update();
        assertRefused("InputMapper", () -> pads.disconnected(pad));
        input.update();
        assertTrue(input.isPressed("jump"), "the refused disconnect changed nothing");
        assertFalse(input.justReleased("jump"));
    }

    @Test
    void gamepadEventsFromAnotherThreadAreRefusedBeforeTheyReadTheMappersPads() {
        ActionMap map = new ActionMap();
        map.context("gameplay", 0).action("jump", Binding.padButton(PadButtons.A));
        InputMapper input = new InputMapper(map);
        GamepadInput pads = new GamepadInput(input);
        TestController pad = new TestController();
        pads.buttonDown(pad, 0);
        input.update();
        TestController another = new TestController();
        // Each reads the list of known pads, which the render thread changes as pads come and go.
        assertRefused("InputMapper", () -> pads.connected(another));
        assertRefused("InputMapper", () -> pads.buttonDown(another, 0));
        assertRefused("InputMapper", () -> pads.axisMoved(another, 0, 1f));
        assertRefused("InputMapper", () -> pads.buttonUp(pad, 0));
        input.update();
        assertTrue(input.isPressed("jump"), "the refused events changed nothing");
    }

    @Test
    void musicDirectorRefusesAnotherThread() {
        MusicDirector music = new MusicDirector();
        assertRefused("MusicDirector", () -> music.ensurePlaying("music/title.ogg"));
        assertRefused("MusicDirector", () -> music.update(0.1f));
        assertRefused("MusicDirector", music::volume);
        assertRefused("MusicDirector", music::current);
        assertRefused("MusicDirector", music::fadingOut);
        assertRefused("MusicDirector", music::failureCount);
        assertEquals(0, music.failureCount(), "no load was attempted");
    }

    @Test
    void cachedCompositeRefusesAnotherThread() {
        CachedComposite composite = new CachedComposite(8, 8, (batch, w, h) -> { });
        assertRefused("CachedComposite", () -> composite.draw(null, 0, 0));
        assertRefused("CachedComposite", composite::markDirty);
        assertRefused("CachedComposite", composite::paintCount);
        assertRefused("CachedComposite", composite::region);
        assertEquals(0, composite.paintCount());
    }

    /** Runs {@code call} on a new thread and checks it threw the shared wrong-thread error. */
    private static void assertRefused(String type, Runnable call) {
        RuntimeException[] thrown = new RuntimeException[1];
        Thread other = new Thread(() -> {
            try {
                call.run();
            } catch (RuntimeException e) {
                thrown[0] = e;
            }
        }, OTHER);
        other.start();
        try {
            other.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        assertTrue(thrown[0] instanceof IllegalStateException, type + ": " + thrown[0]);
        String expected = type + " used from thread '" + OTHER + "'; it belongs to the render thread '"
                + Thread.currentThread().getName() + "'";
        assertTrue(thrown[0].getMessage().startsWith(expected), thrown[0].getMessage());
    }
}
