package com.gdxfetch.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.badlogic.gdx.files.FileHandle;
import com.badlogic.gdx.graphics.g2d.TextureRegion;
import com.gdxfetch.net.FailureKind;
import com.gdxfetch.net.FetchException;
import com.gdxfetch.testing.GlTestWindow;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Remote atlases a server got wrong, or wrote to hurt: each fails naming the atlas, or loads as meant. */
class RemoteAtlasInputTest extends ImageServerTest {
    private static final byte[] SHEET = TestImages.quadrants(64);

    @TempDir
    Path root;

    @BeforeEach
    void open() {
        routes.file("/sheets/hero.png", SHEET, "\"p1\"");
        images = GlTestWindow.call(() -> new ImageCache(fetch, new FileHandle(root.toFile()),
                ImageCacheConfig.builder().noDiskCache().build()));
    }

    private ImageHandle serveAndLoad(String atlas) {
        return serveAndLoad(atlas.getBytes(StandardCharsets.UTF_8));
    }

    private ImageHandle serveAndLoad(byte[] atlas) {
        routes.file("/sheets/hero.atlas", atlas, "\"a1\"");
        String url = server.url("/sheets/hero.atlas").toString();
        ImageHandle handle = GlTestWindow.call(() -> images.load(url));
        Frames.untilDone(fetch, images, handle);
        return handle;
    }

    private static void assertFailsNaming(ImageHandle handle, String... parts) {
        assertTrue(handle.isFailed(), "loaded, expected a failure");
        FetchException failure = handle.failure();
        assertEquals(FailureKind.DECODE, failure.kind(), failure.getMessage());
        for (String part : parts) {
            assertTrue(failure.getMessage().contains(part), failure.getMessage() + " should name " + part);
        }
    }

    private static String quadrants(String page) {
        return new String(TestImages.quadrantAtlas(page, 64), StandardCharsets.UTF_8);
    }

    @Test
    void anAtlasWithMorePagesThanTheLimitFailsNamingTheAtlasBeforeRequestingAPage() {
        StringBuilder atlas = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            atlas.append("\np").append(i).append(".png\nsize: 1,1\nr").append(i).append("\n  bounds: 0,0,1,1\n");
        }
        ImageHandle handle = serveAndLoad(atlas.toString());
        assertFailsNaming(handle, "/sheets/hero.atlas", "5000 pages");
        assertEquals(0, routes.requests("/sheets/p0.png").size(), "no page was requested");
    }

    @Test
    void anAtlasWithMoreRegionsThanTheLimitFailsNamingTheAtlasBeforeRequestingAPage() {
        StringBuilder atlas = new StringBuilder("\nhero.png\nsize: 64,64\n");
        for (int i = 0; i < 70_000; i++) {
            atlas.append('r').append(i).append("\n  bounds: 0,0,1,1\n");
        }
        ImageHandle handle = serveAndLoad(atlas.toString());
        assertFailsNaming(handle, "/sheets/hero.atlas", "70000 regions");
        assertEquals(0, routes.requests("/sheets/hero.png").size(), "no page was requested");
    }

    @Test
    void aRegionReachingOutsideItsPageFailsNamingTheRegionAndThePage() {
        String[] bounds = {"40,0,32,32", "0,40,32,32", "-1,0,32,32", "0,0,2147483647,2147483647", "0,0,-5,8"};
        for (String bad : bounds) {
            ImageHandle handle = serveAndLoad(quadrants("hero.png").replace("bounds: 32,32,32,32", "bounds: " + bad));
            assertFailsNaming(handle, "/sheets/hero.atlas", "items/coin", "hero.png");
            GlTestWindow.run(handle::release);
        }
    }

    @Test
    void aRotatedRegionIsMeasuredTurned() {
        ImageHandle handle = serveAndLoad(quadrants("hero.png")
                .replace("hero/idle\n  bounds: 0,32,32,32", "hero/idle\n  bounds: 0,32,16,32\n  rotate: true")
                .replace("items/coin\n  bounds: 32,32,32,32", "items/coin\n  bounds: 32,48,32,16\n  rotate: true"));
        assertFailsNaming(handle, "items/coin");
    }

    @Test
    void anEmptyAtlasFailsNamingIt() {
        for (String text : new String[] {"", "\n\n", "hero.png\nsize: 64,64\n"}) {
            assertFailsNaming(serveAndLoad(text), "/sheets/hero.atlas", "no regions");
        }
    }

    @Test
    void anAtlasStartingWithAByteOrderMarkLoads() {
        ImageHandle handle = serveAndLoad("\uFEFF" + quadrants("hero.png").trim() + "\n");
        assertTrue(handle.isSuccess(), () -> "failed: " + handle.failure());
        assertEquals(4, handle.regions().size);
        assertEquals(1, routes.requests("/sheets/hero.png").size());
    }

    @Test
    void anAtlasWithCrLfLineEndingsAndTabsLoads() {
        ImageHandle handle = serveAndLoad(quadrants("hero.png").replace("\n  ", "\n\t").replace("\n", "\r\n"));
        assertTrue(handle.isSuccess(), () -> "failed: " + handle.failure());
        GlTestWindow.run(() -> assertEquals(TestImages.WHITE, Screen.centre(handle.region("items/coin"))));
    }

    @Test
    void aLegacyAtlasLoads() {
        String legacy = "\nhero.png\nformat: RGBA8888\nfilter: Nearest,Nearest\nrepeat: none\n"
                + "items/coin\n  rotate: false\n  xy: 32, 32\n  size: 32, 32\n  orig: 32, 32\n  offset: 0, 0\n  index: -1\n";
        ImageHandle handle = serveAndLoad(legacy);
        assertTrue(handle.isSuccess(), () -> "failed: " + handle.failure());
        GlTestWindow.run(() -> assertEquals(TestImages.WHITE, Screen.centre(handle.region("items/coin"))));
    }

    @Test
    void aMalformedNumberFailsNamingTheAtlasAndTheLine() {
        ImageHandle handle = serveAndLoad(quadrants("hero.png").replace("bounds: 32,32,32,32", "bounds: 32,32,99999999999,32"));
        assertFailsNaming(handle, "/sheets/hero.atlas", "99999999999");
    }

    @Test
    void binaryGarbageFailsAsDecode() {
        byte[] garbage = new byte[4096];
        new java.util.Random(3).nextBytes(garbage);
        ImageHandle handle = serveAndLoad(garbage);
        assertTrue(handle.isFailed());
        assertTrue(handle.failure().getMessage().contains("hero.atlas"), handle.failure().getMessage());
    }

    @Test
    void aPageListedTwiceIsDownloadedOnce() {
        String twice = quadrants("hero.png") + "\n" + quadrants("hero.png").replace("hero/", "second/").replace("items/", "more/");
        ImageHandle handle = serveAndLoad(twice);
        assertTrue(handle.isSuccess(), () -> "failed: " + handle.failure());
        assertEquals(8, handle.regions().size);
        assertEquals(1, routes.requests("/sheets/hero.png").size());
        GlTestWindow.run(() -> {
            assertSame(handle.region("hero/run_1").getTexture(), handle.region("second/run_1").getTexture());
            assertEquals(TestImages.WHITE, Screen.centre(handle.region("more/coin")));
            assertEquals(64 * 64 * 4, images.residentBytes());
        });
    }

    @Test
    void aPageListedTwiceUnderTwoSpellingsOfOneFileIsDownloadedOnce() {
        String twice = quadrants("hero.png") + "\n"
                + quadrants("./art/../hero.png").replace("hero/", "second/").replace("items/", "more/");
        ImageHandle handle = serveAndLoad(twice);
        assertTrue(handle.isSuccess(), () -> "failed: " + handle.failure());
        assertEquals(1, routes.requests("/sheets/hero.png").size());
        GlTestWindow.run(() -> {
            assertSame(handle.region("hero/run_1").getTexture(), handle.region("second/run_1").getTexture());
            assertEquals(64 * 64 * 4, images.residentBytes());
        });
    }

    @Test
    void aRegionWithoutIndexKeepsItsNameBesideIndexedRegionsOfTheSameName() {
        ImageHandle handle = serveAndLoad(quadrants("hero.png").replace("hero/idle", "hero/run"));
        assertTrue(handle.isSuccess(), () -> "failed: " + handle.failure());
        GlTestWindow.run(() -> {
            assertEquals(TestImages.BLUE, Screen.centre(handle.region("hero/run")));
            assertEquals(TestImages.RED, Screen.centre(handle.region("hero/run_1")));
            assertEquals(TestImages.GREEN, Screen.centre(handle.region("hero/run_2")));
        });
    }

    @Test
    void aRegionListedTwiceFailsNamingTheAtlasAndTheRegion() {
        ImageHandle handle = serveAndLoad(quadrants("hero.png").replace("hero/idle", "items/coin"));
        assertFailsNaming(handle, "/sheets/hero.atlas", "items/coin", "twice");
        assertEquals(0, routes.requests("/sheets/hero.png").size(), "no page was requested");
    }

    @Test
    void regionNamesAnswerToEverySpellingAsLocalOnesDo() {
        ImageHandle handle = serveAndLoad(quadrants("hero.png"));
        assertTrue(handle.isSuccess(), () -> "failed: " + handle.failure());
        GlTestWindow.run(() -> {
            TextureRegion run1 = handle.region("hero/run_1");
            assertSame(run1, handle.region("hero\\run_1"));
            assertSame(run1, handle.region("./hero//run_1"));
            assertSame(handle.region("items/coin"), handle.region("items\\coin"));
            assertSame(images.placeholder(), handle.region("hero/none"));
        });
    }

    @Test
    void aPageThatCannotBeAUrlFailsTheAtlasBeforeAnyPageIsRequested() {
        // A tab is a control character no URL may hold; the page listed before it is fine.
        String atlas = quadrants("hero.png") + "\n" + quadrants("bad\t.png").replace("hero/", "more/").replace("items/",
                "things/");
        ImageHandle handle = serveAndLoad(atlas);
        assertFailsNaming(handle, "/sheets/hero.atlas", "bad\t.png");
        Frames.until(fetch, images, () -> fetch.openCount() == 0);
        assertEquals(0, routes.requests("/sheets/hero.png").size(), "no page was requested");
    }

    @Test
    void aPageThatIsMissingOrNotAnImageFailsNamingThePageAndTheAtlas() {
        routes.file("/sheets/notes.png", "not a picture".getBytes(StandardCharsets.UTF_8), "\"n1\"");
        String[][] pageKindAndWhy = {
            {"missing.png", "HTTP_STATUS", "404"},
            {"notes.png", "DECODE", "cannot decode"},
        };
        for (String[] page : pageKindAndWhy) {
            ImageHandle handle = serveAndLoad(quadrants(page[0]));
            assertTrue(handle.isFailed(), page[0] + " loaded");
            FetchException failure = handle.failure();
            assertEquals(FailureKind.valueOf(page[1]), failure.kind(), failure.getMessage());
            for (String part : new String[] {"page '" + page[0] + "'", "atlas " + server.url("/sheets/hero.atlas"),
                    page[2]}) {
                assertTrue(failure.getMessage().contains(part), failure.getMessage() + " should name " + part);
            }
            GlTestWindow.run(handle::release);
        }
    }

    /**
     * Indexes libGDX's sort cannot order: it compares them by subtraction, which overflows, and
     * its TimSort then throws "Comparison method violates its general contract!".
     */
    static String indexesLibgdxCannotSort() {
        StringBuilder atlas = new StringBuilder("\nhero.png\nsize: 64,64\n");
        java.util.Random random = new java.util.Random(1);
        int[] indexes = {-1, -2_000_000_000, 0, 5, 2_000_000_000, -1};
        for (int i = 0; i < 200; i++) {
            atlas.append('r').append(i).append("\n  bounds: 0,0,1,1\n  index: ")
                    .append(indexes[random.nextInt(indexes.length)]).append('\n');
        }
        return atlas.toString();
    }

    @Test
    void indexesTheParserCannotOrderFailNamingTheAtlasAsMalformed() {
        ImageHandle handle = serveAndLoad(indexesLibgdxCannotSort());
        assertFailsNaming(handle, "atlas " + server.url("/sheets/hero.atlas") + " is malformed");
    }
}
