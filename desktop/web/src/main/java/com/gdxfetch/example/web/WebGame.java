package com.gdxfetch.example.web;

import com.badlogic.gdx.ApplicationAdapter;
import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.Input.Buttons;
import com.badlogic.gdx.Input.Keys;
import com.badlogic.gdx.graphics.Color;
import com.badlogic.gdx.graphics.GL20;
import com.badlogic.gdx.graphics.g2d.BitmapFont;
import com.badlogic.gdx.graphics.g2d.SpriteBatch;
import com.badlogic.gdx.graphics.glutils.ShapeRenderer;
import com.gdxfetch.audio.MusicDirector;
import com.gdxfetch.example.online.LeaderboardClient;
import com.gdxfetch.example.online.LiveLeaderboard;
import com.gdxfetch.example.online.ServerPaths;
import com.gdxfetch.example.online.ScoreRow;
import com.gdxfetch.example.online.ServerAnswer;
import com.gdxfetch.example.online.SubmitResult;
import com.gdxfetch.image.ImageCache;
import com.gdxfetch.image.ImageHandle;
import com.gdxfetch.input.ActionMap;
import com.gdxfetch.input.Binding;
import com.gdxfetch.input.BindingsFile;
import com.gdxfetch.input.InputMapper;
import com.gdxfetch.net.FetchCallback;
import com.gdxfetch.net.FetchException;
import com.gdxfetch.net.FetchManager;
import com.gdxfetch.net.HttpResponse;
import com.badlogic.gdx.utils.Array;

/**
 * Night Shift's leaderboard in the browser: the best scores, fetched and decoded by gdx-fetch and
 * kept live over the server's score feed (a WebSocket, through {@link LiveLeaderboard}, reconnecting
 * as on desktop); the "submit" action (SPACE or a click by default, and
 * ENTER from the bindings file the page preloads) submits a score under a fresh idempotency key,
 * which the feed then announces (or, with the feed down, the board is fetched again), over the music
 * director's loop, and the server's sprite sheet, loaded through the image cache, walks in the
 * corner. With
 * {@code ?selftest} in the page's URL it also runs {@link SelfTest} and writes what it saw into
 * the page. Render thread (the browser's one).
 */
final class WebGame extends ApplicationAdapter {
    static final int ROWS = 10;
    static final String SUBMIT = "submit";
    static final String BINDINGS = "input/web-bindings.json";
    static final String SONG = "music/loop.wav";
    /** Where the sheet's first robot frame is drawn, 1:1, in the canvas's bottom-right corner. */
    static final int SPRITE_X = 740;
    static final int SPRITE_Y = 8;

    private final String baseUrl;
    private final boolean selfTest;
    private FetchManager fetch;
    private LeaderboardClient leaderboard;
    private SpriteBatch batch;
    private ShapeRenderer shapes;
    private BitmapFont font;
    private LiveLeaderboard board;
    private int shownVersion;
    /** Each row's rank and score as drawn, made once per board version rather than every frame. */
    private final Array<String> rankTexts = new Array<>();
    private final Array<String> scoreTexts = new Array<>();
    private String status = "Loading the top " + ROWS + "...";
    private SelfTest test;
    private InputMapper input;
    private BindingsFile.Report bindings;
    private MusicDirector music;
    private ImageCache images;
    private ImageHandle sheet;

    WebGame(String baseUrl, boolean selfTest) {
        this.baseUrl = baseUrl;
        this.selfTest = selfTest;
    }

    @Override
    public void create() {
        fetch = new FetchManager();
        leaderboard = new LeaderboardClient(fetch, baseUrl);
        batch = new SpriteBatch();
        shapes = new ShapeRenderer();
        font = new BitmapFont();
        font.getData().setScale(1.5f);
        ActionMap actions = new ActionMap();
        actions.context("board", 0).action(SUBMIT, Binding.key(Keys.SPACE), Binding.mouse(Buttons.LEFT));
        // On the web Gdx.files.internal reads what the page preloaded; local files do not exist
        // there, so the player's own bindings cannot be saved to one.
        bindings = new BindingsFile(Gdx.files.internal(BINDINGS)).load(actions);
        input = new InputMapper(actions);
        Gdx.input.setInputProcessor(input);
        music = new MusicDirector();
        images = new ImageCache(fetch, Gdx.files.internal(""));
        sheet = images.load(ServerPaths.sheet(baseUrl));
        board = new LiveLeaderboard(fetch, leaderboard, ROWS);
        board.start();
        if (selfTest) {
            test = new SelfTest(fetch, leaderboard, baseUrl, WebLauncher.pageQuery(), input, bindings, music, sheet,
                    board);
        }
    }

    /** The submit action's bindings as the player sees them, from the map the bindings file adjusted. */
    private String actionKeys() {
        StringBuilder keys = new StringBuilder();
        for (Binding binding : input.actions().bindings(SUBMIT)) {
            keys.append(keys.length() == 0 ? "" : ", ").append(binding);
        }
        return keys.toString();
    }

    private void submit() {
        int score = 100 + (int) (Math.random() * 9000);
        status = "Sending " + score + "...";
        leaderboard.submit("WEB", score, LeaderboardClient.newSubmissionKey(),
                new FetchCallback<ServerAnswer<SubmitResult>>() {
                    @Override
                    public void onSuccess(ServerAnswer<SubmitResult> answer, HttpResponse response) {
                        status = answer.isSuccessful() ? "Rank " + answer.body().rank : "Refused: " + answer.error();
                        if (selfTest) {
                            SelfTest.report("input", (answer.isSuccessful() ? "ok" : "FAIL") + " submitted through the \""
                                    + SUBMIT + "\" action: " + status);
                        }
                        if (!board.isLive()) {
                            board.refresh();
                        }
                    }

                    @Override
                    public void onFailure(FetchException failure) {
                        status = "Could not send: " + failure.kind();
                    }
                });
    }

    @Override
    public void render() {
        input.update();
        music.ensurePlaying(SONG);
        music.update(Gdx.graphics.getDeltaTime());
        fetch.update();
        images.update();
        if (test != null) {
            test.frame();
        }
        if (input.justPressed(SUBMIT)) {
            submit();
        }
        if (board.version() != shownVersion) {
            shownVersion = board.version();
            status = board.rows().size + " scores. " + actionKeys() + ": submit a score";
            rankTexts.clear();
            scoreTexts.clear();
            for (ScoreRow row : board.rows()) {
                rankTexts.add(row.rank + ".");
                scoreTexts.add(Integer.toString(row.score));
            }
        }
        Array<ScoreRow> rows = board.rows();
        Gdx.gl.glClearColor(0.07f, 0.08f, 0.16f, 1);
        Gdx.gl.glClear(GL20.GL_COLOR_BUFFER_BIT);
        float h = Gdx.graphics.getHeight();
        shapes.begin(ShapeRenderer.ShapeType.Filled);
        shapes.setColor(0.95f, 0.55f, 0.15f, 1);
        shapes.rect(0, h - 70, Gdx.graphics.getWidth(), 70);
        for (int i = 0; i < rows.size; i++) {
            shapes.setColor(i % 2 == 0 ? 0.14f : 0.18f, 0.17f, 0.3f, 1);
            shapes.rect(40, h - 130 - i * 40, Gdx.graphics.getWidth() - 80, 36);
        }
        shapes.end();
        batch.begin();
        font.setColor(Color.BLACK);
        font.draw(batch, "NIGHT SHIFT - LEADERBOARD (web)", 40, h - 22);
        // The feed's state ("live", "offline: board as last seen"), in the title bar, clear of the sprite's corner.
        font.draw(batch, board.status(), 560, h - 22);
        font.setColor(Color.WHITE);
        for (int i = 0; i < rows.size && i < rankTexts.size; i++) {
            float y = h - 102 - i * 40;
            font.draw(batch, rankTexts.get(i), 60, y);
            font.draw(batch, rows.get(i).name, 130, y);
            font.draw(batch, scoreTexts.get(i), 560, y);
        }
        font.draw(batch, status, 40, 40);
        if (sheet.isSuccess()) {
            batch.draw(sheet.region("robot"), SPRITE_X, SPRITE_Y);
        }
        batch.end();
    }

    @Override
    public void dispose() {
        board.stop();
        fetch.dispose();
        music.dispose();
        sheet.release();
        images.dispose();
        batch.dispose();
        shapes.dispose();
        font.dispose();
    }
}
