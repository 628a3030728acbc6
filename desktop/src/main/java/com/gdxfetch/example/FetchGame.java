package com.gdxfetch.example;

import com.badlogic.gdx.Game;
import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.Screen;
import com.badlogic.gdx.files.FileHandle;
import com.badlogic.gdx.graphics.Color;
import com.badlogic.gdx.graphics.Pixmap;
import com.badlogic.gdx.graphics.Texture;
import com.badlogic.gdx.graphics.g2d.SpriteBatch;
import com.badlogic.gdx.graphics.g2d.TextureRegion;
import com.badlogic.gdx.utils.ScreenUtils;
import com.badlogic.gdx.utils.viewport.FitViewport;
import com.badlogic.gdx.utils.viewport.Viewport;
import com.gdxfetch.audio.MusicDirector;
import com.gdxfetch.audio.MusicDirectorConfig;
import com.gdxfetch.example.harness.Automation;
import com.gdxfetch.example.harness.CountingTransport;
import com.gdxfetch.example.harness.PriorityRelaunch;
import com.gdxfetch.example.online.LeaderboardClient;
import com.gdxfetch.example.online.MusicPack;
import com.gdxfetch.example.online.LiveLeaderboard;
import com.gdxfetch.example.scenes.GameOverScene;
import com.gdxfetch.example.scenes.LoadingScene;
import com.gdxfetch.example.scenes.PlayScene;
import com.gdxfetch.example.scenes.SettingsScene;
import com.gdxfetch.example.scenes.TitleScene;
import com.gdxfetch.example.ui.Backdrop;
import com.gdxfetch.example.ui.Overlay;
import com.gdxfetch.example.ui.PackBar;
import com.gdxfetch.example.ui.Sprites;
import com.gdxfetch.example.ui.Ui;
import com.gdxfetch.image.ImageCache;
import com.gdxfetch.image.ImageHandle;
import com.gdxfetch.input.ActionMap;
import com.gdxfetch.input.BindingsFile;
import com.gdxfetch.input.InputMapper;
import com.gdxfetch.net.FetchConfig;
import com.gdxfetch.net.FetchManager;
import com.gdxfetch.net.OutboxConfig;
import com.gdxfetch.net.Transports;
import com.gdxfetch.text.TextCache;

/**
 * Night Shift: the example game. One game loop drives every service once per frame, in a fixed
 * order (input, network callbacks, image uploads, text cache, the scene, the overlay, music), and each scene is
 * a {@link Screen}: loading, title, play, game over with the leaderboard, settings.
 *
 * <p>Everything here runs on the render thread. Each scene begins and ends the shared batch
 * itself, in a fixed {@value #WIDTH}x{@value #HEIGHT} world that the {@linkplain #viewport()
 * viewport} scales to the window; the overlay is drawn after it, in a pass of its own.
 */
public final class FetchGame extends Game {
    public static final int WIDTH = 960;
    public static final int HEIGHT = 540;
    /** The music loop every scene after loading asks for. */
    public static final String MUSIC = "music/loop.wav";
    private static final float AUTOPLAY_STEP = 1f / 60f;
    private static final float LONGEST_STEP = 1f / 20f;

    public final LaunchOptions options;
    public final String serverUrl;
    public SpriteBatch batch;
    public FetchManager fetch;
    /** Textures by path and URL; the sprite sheet comes through it from the server. */
    public ImageCache images;
    /** The manager's transport, counting responses (304s included) for the log and the overlay. */
    public CountingTransport wire;
    public TextCache texts;
    public Ui ui;
    public MusicDirector music;
    public ActionMap actions;
    public InputMapper input;
    public BindingsFile bindings;
    public LeaderboardClient leaderboard;
    /** The optional music pack, downloaded once the sheet is in; its bar shows on the title. */
    public MusicPack musicPack;
    public final PackBar packBar = new PackBar();
    /** The title screen's best scores, kept current through the server's live feed while the title shows. */
    public LiveLeaderboard liveBoard;
    public Sprites sprites;
    public Backdrop backdrop;
    /** A 1x1 white region, usable before the sprite sheet arrives. */
    public TextureRegion white;
    public TitleScene title;
    public PlayScene play;
    public GameOverScene gameOver;
    public SettingsScene settings;
    private Texture whiteTexture;
    private FitViewport viewport;
    private Overlay overlay;
    private Automation automation;

    /** The game, talking to the server at {@code serverUrl}. */
    public FetchGame(LaunchOptions options, String serverUrl) {
        this.options = options;
        this.serverUrl = serverUrl;
    }

    @Override
    public void create() {
        batch = new SpriteBatch();
        viewport = new FitViewport(WIDTH, HEIGHT);
        Pixmap pixel = new Pixmap(1, 1, Pixmap.Format.RGBA8888);
        pixel.setColor(Color.WHITE);
        pixel.fill();
        whiteTexture = new Texture(pixel);
        pixel.dispose();
        white = new TextureRegion(whiteTexture);

        wire = new CountingTransport(Transports.sockets());
        // One HTTP cache on disk for the leaderboard and, through the image cache, the sprite sheet.
        fetch = new FetchManager(FetchConfig.builder().transport(wire).userAgent("night-shift/0.1 gdx-fetch")
                .httpCache(localFile("http-cache"), 32L << 20)
                .outbox(OutboxConfig.builder(localFile("outbox")).maxEntries(100).build()).build());
        images = new ImageCache(fetch, Gdx.files.internal(""));
        texts = new TextCache();
        texts.addFont(Ui.FONT, Gdx.files.internal("fonts/DejaVuSans.ttf"));
        // Generating a font size takes milliseconds; do every size now rather than mid-game.
        for (int size : Ui.SIZES) {
            texts.get("0", Ui.FONT, Color.WHITE, size);
        }
        ui = new Ui(texts);
        musicPack = new MusicPack(fetch, serverUrl, localFile("music-pack.wav"), line -> Gdx.app.log("music", line));
        // The pack is a local file; every other song is an internal one.
        music = new MusicDirector(MusicDirectorConfig.builder().crossFadeSeconds(0.8f).loader(path -> Gdx.audio.newMusic(
                musicPack.owns(path) ? Gdx.files.absolute(path) : Gdx.files.internal(path))).build());
        music.setVolume(0.6f);

        actions = Actions.defaults();
        bindings = new BindingsFile(localFile("input-bindings.json"));
        BindingsFile.Report report = bindings.load(actions);
        for (String problem : report.problems()) {
            Gdx.app.error("input", problem);
        }
        input = new InputMapper(actions);
        Gdx.input.setInputProcessor(input);

        leaderboard = new LeaderboardClient(fetch, serverUrl);
        liveBoard = new LiveLeaderboard(fetch, leaderboard, TitleScene.BOARD_ROWS);
        overlay = new Overlay(fetch, wire, input, serverUrl, ui);
        automation = new Automation(options);
        Gdx.app.log("game", "Night Shift against " + serverUrl + ", local storage " + localFile("").path());
        Gdx.app.log("game", PriorityRelaunch.prioritiesApplied()
                ? "Worker threads below the render thread: this JVM applies thread priorities"
                : "Worker threads at the render thread's priority: this JVM ignores thread priorities (see README)");
        setScreen(new LoadingScene(this));
    }

    /** The fixed-size world every scene and the overlay draw in, scaled to the window. */
    public Viewport viewport() {
        return viewport;
    }

    /** A file in the game's local storage folder ({@code --data}). */
    public FileHandle localFile(String name) {
        return Gdx.files.absolute(options.dataDir().toAbsolutePath().resolve(name).toString());
    }

    /** Called by the loading scene with the downloaded sheet: builds the scenes, shows the title. */
    public void sheetLoaded(ImageHandle sheet) {
        Screen loading = getScreen();
        sprites = new Sprites(sheet.regions(), sheet::release);
        backdrop = new Backdrop(sprites);
        title = new TitleScene(this);
        play = new PlayScene(this);
        gameOver = new GameOverScene(this);
        settings = new SettingsScene(this);
        setScreen(title);
        loading.dispose();
        musicPack.start();
    }

    /** The song the scenes play: the music pack once it is downloaded, else the built-in loop. */
    public String song() {
        return musicPack.song(MUSIC);
    }

    /** The name of the first input bound to {@code action}, for on-screen hints. */
    public String keyName(String action) {
        return Actions.keyName(actions, action);
    }

    /** Switches the active input contexts: menus and play use different ones. */
    public void useContext(String context) {
        input.setActive(Actions.MENU, Actions.MENU.equals(context));
        input.setActive(Actions.GAMEPLAY, Actions.GAMEPLAY.equals(context));
    }

    @Override
    public void render() {
        float realDelta = Gdx.graphics.getDeltaTime();
        // Autoplay steps time by whole frames so a run with --frames N always ends in the same place.
        float delta = options.autoplay() ? AUTOPLAY_STEP : Math.min(realDelta, LONGEST_STEP);
        input.update();
        long fetchStart = System.nanoTime();
        fetch.update();
        long fetchNanos = System.nanoTime() - fetchStart;
        images.update();
        texts.update();
        overlay.update(realDelta, fetchNanos);

        ScreenUtils.clear(0.03f, 0.04f, 0.1f, 1f);
        if (screen != null) {
            screen.render(delta);
        }
        if (overlay.isVisible()) {
            viewport.apply();
            batch.setProjectionMatrix(viewport.getCamera().combined);
            batch.begin();
            overlay.draw(batch, white);
            batch.end();
        }
        music.update(delta);
        automation.afterFrame();
    }

    @Override
    public void resize(int width, int height) {
        viewport.update(width, height, true);
        super.resize(width, height);
    }

    @Override
    public void pause() {
        // Key-up events may never arrive while the window is away.
        input.releaseAll();
        super.pause();
    }

    @Override
    public void dispose() {
        // The scene is left first, as when the player leaves it: it cancels its requests and stops
        // reacting to their answers, so an onCancelled below does not start a request on a manager
        // that is going away (a score in flight still goes into the outbox).
        if (screen != null) {
            screen.hide();
        }
        // Requests still open get onCancelled now, while the scenes they call back into still exist.
        fetch.dispose();
        disposeAll(title, play, gameOver, settings, screen);
        music.dispose();
        texts.dispose();
        if (backdrop != null) {
            backdrop.dispose();
            sprites.dispose();
        }
        images.dispose();
        batch.dispose();
        whiteTexture.dispose();
    }

    private static void disposeAll(Screen... screens) {
        for (int i = 0; i < screens.length; i++) {
            Screen s = screens[i];
            boolean seen = false;
            for (int j = 0; j < i; j++) {
                seen |= screens[j] == s;
            }
            if (s != null && !seen) {
                s.dispose();
            }
        }
    }
}
