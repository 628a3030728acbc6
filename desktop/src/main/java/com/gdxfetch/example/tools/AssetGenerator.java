package com.gdxfetch.example.tools;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Regenerates the example game's sprite sheet ({@code sheets/sprites.atlas} and its two page
 * images) and music loop ({@code music/loop.wav}) under an assets folder. The results are
 * committed, so this only needs to run after changing the art:
 *
 * <pre>
 * mvn -q -pl desktop -am compile
 * java -cp desktop/target/classes com.gdxfetch.example.tools.AssetGenerator assets
 * </pre>
 *
 * Runs on the main thread with no libGDX application (Java2D only); the output is the same on
 * every run, so regenerating unchanged art leaves the files untouched.
 */
public final class AssetGenerator {
    /** Frames in the robot's run cycle. */
    static final int RUN_FRAMES = 4;
    /** Frames in the drone's light chase. */
    static final int DRONE_FRAMES = 4;
    /** Frames in the explosion. */
    static final int BOOM_FRAMES = 6;

    private AssetGenerator() {
    }

    /** Writes the assets under {@code args[0]} (default {@code assets}). */
    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : "assets");
        Path sheets = Files.createDirectories(root.resolve("sheets"));
        Path music = Files.createDirectories(root.resolve("music"));
        SheetPacker packer = new SheetPacker();

        packer.page("sprites-1.png", 512, 256);
        packer.add("robot", 0, 48, 48, (g, w, h) -> SpriteArt.robot(g, -1, 0));
        packer.add("robot", 1, 48, 48, (g, w, h) -> SpriteArt.robot(g, -1, 1));
        for (int i = 0; i < RUN_FRAMES; i++) {
            int phase = i;
            packer.add("robot-run", i, 48, 48, (g, w, h) -> SpriteArt.robot(g, phase, phase % 2));
        }
        packer.add("robot-jump", -1, 48, 48, (g, w, h) -> SpriteArt.robot(g, -2, 0));
        for (int i = 0; i < DRONE_FRAMES; i++) {
            int frame = i;
            packer.add("drone", i, 48, 32, (g, w, h) -> SpriteArt.drone(g, frame, w, h));
        }
        for (int i = 0; i < BOOM_FRAMES; i++) {
            int frame = i;
            packer.add("boom", i, 56, 56, (g, w, h) -> SpriteArt.boom(g, frame, BOOM_FRAMES, w));
        }
        packer.add("bolt", -1, 10, 26, (g, w, h) -> SpriteArt.bolt(g, w, h));
        packer.add("spark", -1, 16, 16, (g, w, h) -> SpriteArt.glow(g, w));
        packer.add("star", -1, 8, 8, (g, w, h) -> SpriteArt.glow(g, w));
        packer.add("heart", -1, 20, 18, (g, w, h) -> SpriteArt.heart(g, w, h));
        packer.add("pixel", -1, 4, 4, (g, w, h) -> {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, w, h);
        });
        packer.finishPage(sheets);

        packer.page("sprites-2.png", 512, 256);
        packer.add("hills-far", -1, 508, 80, (g, w, h) ->
                SpriteArt.hills(g, w, h, new Color(52, 58, 112), new Color(34, 38, 80)));
        packer.add("hills-near", -1, 508, 72, (g, w, h) ->
                SpriteArt.hills(g, w, h, new Color(30, 34, 70), new Color(18, 20, 44)));
        packer.add("moon", -1, 96, 96, (g, w, h) -> SpriteArt.moon(g, w));
        packer.add("ground", -1, 64, 32, (g, w, h) -> SpriteArt.ground(g, w, h));
        packer.add("panel", -1, 48, 48, new int[] {14, 14, 14, 14}, (g, w, h) -> SpriteArt.panel(g, w, h));
        packer.finishPage(sheets);

        packer.writeAtlas(sheets.resolve("sprites.atlas"));
        MusicWriter.write(music.resolve("loop.wav"));
        System.out.println("wrote " + sheets.toAbsolutePath() + " and " + music.toAbsolutePath());
    }
}
