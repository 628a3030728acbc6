package com.gdxfetch.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.badlogic.gdx.files.FileHandle;
import com.badlogic.gdx.graphics.Texture;
import com.badlogic.gdx.graphics.g2d.TextureRegion;
import com.gdxfetch.testing.GlTestWindow;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtlasTest {
    private static final int PAGE = 64;

    @TempDir
    Path root;
    private ImageCache images;

    @BeforeEach
    void writeAtlas() {
        TestImages.write(root.resolve("sheets/hero.png"), TestImages.quadrants(PAGE));
        TestImages.write(root.resolve("sheets/hero.atlas"), TestImages.quadrantAtlas("hero.png", PAGE));
        TestImages.write(root.resolve("sheets/other.png"), TestImages.quadrants(PAGE));
        TestImages.write(root.resolve("sheets/other.atlas"), TestImages.quadrantAtlas("other.png", PAGE));
        images = GlTestWindow.call(() -> new ImageCache(null, new FileHandle(root.toFile()),
                ImageCacheConfig.builder().noDiskCache().build()));
    }

    @AfterEach
    void dispose() {
        GlTestWindow.run(images::dispose);
    }

    @Test
    void everyRegionIsDrawnFromTheOnePageTexture() {
        GlTestWindow.run(() -> {
            assertEquals(4, images.addAtlas("sheets\\hero.atlas"));
            assertEquals(0, images.residentCount(), "pages load when first drawn");
            TextureRegion run1 = images.get("hero/run_1");
            TextureRegion run2 = images.get("hero/run_2");
            TextureRegion idle = images.get("hero\\idle");
            TextureRegion coin = images.get("./items//coin");
            Texture page = run1.getTexture();
            assertSame(page, run2.getTexture());
            assertSame(page, idle.getTexture());
            assertSame(page, coin.getTexture());
            assertEquals(1, images.residentCount());
            assertEquals(PAGE * PAGE * 4, images.residentBytes());

            assertEquals(TestImages.RED, Screen.centre(run1));
            assertEquals(TestImages.GREEN, Screen.centre(run2));
            assertEquals(TestImages.BLUE, Screen.centre(idle));
            assertEquals(TestImages.WHITE, Screen.centre(coin));
            assertEquals(PAGE / 2, coin.getRegionWidth());
        });
    }

    @Test
    void nameWithoutIndexGivesTheLowestIndex() {
        GlTestWindow.run(() -> {
            images.addAtlas("sheets/hero.atlas");
            assertSame(images.get("hero/run_1"), images.get("hero/run"));
        });
    }

    @Test
    void regionNameTakenByAnotherAtlasIsRefused() {
        GlTestWindow.run(() -> {
            images.addAtlas("sheets/hero.atlas");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> images.addAtlas("sheets/other.atlas"));
            assertTrue(e.getMessage().contains("sheets/other.atlas") && e.getMessage().contains("hero/run"),
                    e.getMessage());
            assertEquals(TestImages.RED, Screen.centre(images.get("hero/run_1")));
        });
    }

    @Test
    void missingAtlasIsRefusedNamingIt() {
        GlTestWindow.run(() -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> images.addAtlas("sheets/none.atlas"));
            assertTrue(e.getMessage().contains("sheets/none.atlas"), e.getMessage());
        });
    }

    /** TexturePacker names {@code run.png} and {@code run_1.png} "run" (no index) and "run" index 1. */
    private static String runAndRunOne(String page) {
        return "\n" + page + "\nsize: 64,64\nfilter: Nearest,Nearest\n"
                + "hero/run\n  bounds: 0,0,32,32\n  index: 1\n"
                + "hero/run\n  bounds: 32,0,32,32\n  index: 2\n"
                + "hero/run\n  bounds: 0,32,32,32\n  index: -1\n";
    }

    @Test
    void aRegionWithoutIndexKeepsItsNameBesideIndexedRegionsOfTheSameName() {
        TestImages.write(root.resolve("sheets/run.atlas"), runAndRunOne("hero.png").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        GlTestWindow.run(() -> {
            assertEquals(3, images.addAtlas("sheets/run.atlas"));
            assertEquals(TestImages.BLUE, Screen.centre(images.get("hero/run")));
            assertEquals(TestImages.RED, Screen.centre(images.get("hero/run_1")));
            assertEquals(TestImages.GREEN, Screen.centre(images.get("hero/run_2")));
        });
    }

    @Test
    void aNameAskedForBeforeItsAtlasWasAddedIsFoundOnceItIs() {
        GlTestWindow.run(() -> {
            assertSame(images.placeholder(), images.get("hero/idle"));
            assertSame(images.placeholder(), images.get("hero\\idle"));
            assertEquals(4, images.addAtlas("sheets/hero.atlas"));
            assertEquals(TestImages.BLUE, Screen.centre(images.get("hero/idle")));
            assertEquals(TestImages.BLUE, Screen.centre(images.get("hero\\idle")));
            assertSame(images.placeholder(), images.get("still/missing"));
        });
    }

    @Test
    void aReferenceTakenBeforeTheAtlasWasAddedIsReleasedFromItsRegion() {
        GlTestWindow.run(() -> {
            assertSame(images.placeholder(), images.retain("hero/idle"));
            images.addAtlas("sheets/hero.atlas");
            assertEquals(TestImages.BLUE, Screen.centre(images.get("hero/idle")));
            images.release("hero/idle");
            assertThrows(IllegalStateException.class, () -> images.release("hero/idle"));
        });
    }

    @Test
    void aPageClimbingOutOfTheRootIsRefusedNamingTheAtlasAndThePage() {
        GlTestWindow.run(images::dispose);
        Path game = root.resolve("game");
        TestImages.write(root.resolve("outside.png"), TestImages.quadrants(PAGE));
        TestImages.write(game.resolve("sheets/escape.atlas"), TestImages.quadrantAtlas("../../outside.png", PAGE));
        images = GlTestWindow.call(() -> new ImageCache(null, new FileHandle(game.toFile()),
                ImageCacheConfig.builder().noDiskCache().build()));
        GlTestWindow.run(() -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> images.addAtlas("sheets/escape.atlas"));
            assertTrue(e.getMessage().contains("sheets/escape.atlas") && e.getMessage().contains("../../outside.png"),
                    e.getMessage());
            assertSame(images.placeholder(), images.get("hero/idle"));
        });
    }

    @Test
    void aMalformedAtlasIsRefusedNamingIt() {
        TestImages.write(root.resolve("sheets/bad.atlas"),
                RemoteAtlasInputTest.indexesLibgdxCannotSort().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        TestImages.write(root.resolve("sheets/worse.atlas"),
                "\nhero.png\nsize: 64,64\nr\n  bounds: 0,0,x,1\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        GlTestWindow.run(() -> {
            for (String atlas : new String[] {"sheets/bad.atlas", "sheets/worse.atlas"}) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> images.addAtlas(atlas));
                assertTrue(e.getMessage().contains("atlas '" + atlas + "' is malformed"), e.getMessage());
            }
        });
    }
    @Test
    void anAtlasListingNoRegionsIsRefusedNamingIt() {
        String[] texts = {"", "\n\n", "hero.png\nsize: 64,64\n"};
        for (int i = 0; i < texts.length; i++) {
            TestImages.write(root.resolve("sheets/empty" + i + ".atlas"),
                    texts[i].getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        GlTestWindow.run(() -> {
            for (int i = 0; i < texts.length; i++) {
                String atlas = "sheets/empty" + i + ".atlas";
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> images.addAtlas(atlas));
                assertTrue(e.getMessage().contains("atlas '" + atlas + "'") && e.getMessage().contains("no regions"),
                        e.getMessage());
            }
        });
    }

    @Test
    void anAtlasAnEditorSavedWithAByteOrderMarkAndWindowsLineEndsDrawsItsRegions() {
        String atlas = new String(TestImages.quadrantAtlas("hero.png", PAGE), java.nio.charset.StandardCharsets.UTF_8);
        TestImages.write(root.resolve("sheets/edited.atlas"), ("\uFEFF" + atlas.trim().replace("hero/", "edited/")
                .replace("items/", "things/").replace("\n", "\r\n") + "\r\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        GlTestWindow.run(() -> {
            assertEquals(4, images.addAtlas("sheets/edited.atlas"));
            assertEquals(TestImages.WHITE, Screen.centre(images.get("things/coin")));
            assertEquals(TestImages.RED, Screen.centre(images.get("edited/run_1")));
        });
    }

    @Test
    void aRegionReachingOutsideItsPageFailsNamingTheAtlasTheRegionAndThePage() {
        String atlas = new String(TestImages.quadrantAtlas("hero.png", PAGE), java.nio.charset.StandardCharsets.UTF_8);
        TestImages.write(root.resolve("sheets/outside.atlas"), atlas.replace("hero/", "out/").replace("items/", "far/")
                .replace("bounds: 32,32,32,32", "bounds: 40,40,32,32").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        GlTestWindow.run(() -> {
            images.addAtlas("sheets/outside.atlas");
            assertSame(images.placeholder(), images.get("far/coin"));
            assertSame(images.placeholder(), images.get("out/run_1"), "its page is refused whole, as a remote one is");
            assertEquals(0, images.residentCount());
            images.dispose();
            images = new ImageCache(null, new FileHandle(root.toFile()),
                    ImageCacheConfig.builder().noDiskCache().placeholder(false).build());
            images.addAtlas("sheets/outside.atlas");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> images.get("far/coin"));
            for (String part : new String[] {"sheets/outside.atlas", "far/coin", "hero.png", "lies outside"}) {
                assertTrue(e.getMessage().contains(part), e.getMessage() + " should name " + part);
            }
            assertEquals(0, images.residentCount());
        });
    }
}
