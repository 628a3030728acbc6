package com.gdxfetch.example.scenes;

import com.badlogic.gdx.graphics.Color;
import com.badlogic.gdx.graphics.GL20;
import com.badlogic.gdx.graphics.g2d.TextureRegion;
import com.badlogic.gdx.math.MathUtils;
import com.gdxfetch.example.Actions;
import com.gdxfetch.example.FetchGame;
import com.gdxfetch.example.play.Bot;
import com.gdxfetch.example.play.Controls;
import com.gdxfetch.example.play.Round;
import com.gdxfetch.example.ui.Sprites;
import com.gdxfetch.example.ui.Ui;
import com.gdxfetch.input.InputMapper;

/**
 * A round of play, read from logical actions only (the input mapper's, or the bot's under
 * {@code --autoplay}), with the HUD drawn from the text cache. HUD strings are rebuilt only when
 * their value changes, so a steady frame makes no garbage.
 */
public final class PlayScene extends Scene {
    /** Length of a round. */
    public static final float ROUND_SECONDS = 45;
    /** Length of the bot's demo round under {@code --autoplay}. */
    public static final float AUTOPLAY_ROUND_SECONDS = 8;
    private static final float END_BANNER_SECONDS = 1.5f;
    private static final Color PICKUP = new Color(1f, 0.85f, 0.35f, 1f);
    private static final Color SHADE = new Color(0f, 0f, 0.05f, 0.55f);

    private final Bot bot = new Bot();
    private final Controls player;
    private final StringBuilder scoreText = new StringBuilder();
    private final StringBuilder timeText = new StringBuilder();
    private final StringBuilder comboText = new StringBuilder();
    private Round round;
    private boolean paused;
    private float overFor;
    private int shownScore;
    private int shownSeconds;
    private int shownCombo;

    /** The scene for {@code game}; created on the render thread once the sprite sheet is loaded. */
    public PlayScene(FetchGame game) {
        super(game);
        InputMapper input = game.input;
        player = new Controls() {
            @Override
            public boolean isPressed(String action) {
                return input.isPressed(action);
            }

            @Override
            public boolean justPressed(String action) {
                return input.justPressed(action);
            }
        };
    }

    @Override
    public void show() {
        super.show();
        boolean auto = game.options.autoplay();
        round = new Round(auto ? AUTOPLAY_ROUND_SECONDS : ROUND_SECONDS, auto ? 42 : System.nanoTime());
        paused = false;
        overFor = 0;
        shownScore = -1;
        shownSeconds = -1;
        shownCombo = -1;
        game.useContext(Actions.GAMEPLAY);
    }

    @Override
    protected void update(float delta) {
        game.music.ensurePlaying(game.song());
        if (paused) {
            if (game.input.justPressed(Actions.CONFIRM)) {
                paused = false;
                game.useContext(Actions.GAMEPLAY);
            } else if (game.input.justPressed(Actions.BACK)) {
                game.setScreen(game.title);
            }
            return;
        }
        if (!game.options.autoplay() && game.input.justPressed(Actions.PAUSE)) {
            paused = true;
            game.useContext(Actions.MENU);
            return;
        }
        if (game.options.autoplay()) {
            bot.think(round);
        }
        round.update(delta, game.options.autoplay() ? bot : player);
        game.backdrop.update(delta, 30 + round.velocityX * 0.12f);
        if (round.isOver()) {
            overFor += delta;
            if (overFor > END_BANNER_SECONDS) {
                game.gameOver.afterRound(round.score);
                game.setScreen(game.gameOver);
            }
        }
    }

    @Override
    protected void draw() {
        Sprites s = game.sprites;
        game.backdrop.draw(batch);
        for (int i = 0; i < round.drones.size; i++) {
            Round.Drone d = round.drones.get(i);
            TextureRegion frame = s.drone.getKeyFrame(d.age);
            centred(frame, d.x, d.y, frame.getRegionWidth(), frame.getRegionHeight());
        }
        // Light effects add up instead of covering what is behind them.
        batch.setBlendFunction(GL20.GL_SRC_ALPHA, GL20.GL_ONE);
        for (int i = 0; i < round.pickups.size; i++) {
            Round.Pickup p = round.pickups.get(i);
            float size = 26 + MathUtils.sin(p.age * 9f) * 6f;
            batch.setColor(PICKUP.r, PICKUP.g, PICKUP.b, p.groundTime > 1f ? 1.5f - p.groundTime : 1f);
            centred(s.spark, p.x, p.y, size, size);
            centred(s.star, p.x, p.y, size * 0.5f, size * 0.5f);
        }
        batch.setColor(Color.WHITE);
        for (int i = 0; i < round.bolts.size; i++) {
            Round.Bolt b = round.bolts.get(i);
            centred(s.bolt, b.x, b.y, s.bolt.getRegionWidth(), s.bolt.getRegionHeight());
        }
        for (int i = 0; i < round.blasts.size; i++) {
            Round.Blast b = round.blasts.get(i);
            TextureRegion frame = s.boom.getKeyFrame(b.age);
            centred(frame, b.x, b.y, frame.getRegionWidth(), frame.getRegionHeight());
        }
        batch.setBlendFunction(GL20.GL_SRC_ALPHA, GL20.GL_ONE_MINUS_SRC_ALPHA);
        drawPlayer(s);
        drawHud(s);
    }

    private void drawPlayer(Sprites s) {
        boolean blink = round.invulnerable > 0 && ((int) (round.invulnerable * 12)) % 2 == 1;
        if (blink) {
            return;
        }
        TextureRegion frame;
        if (!round.onGround()) {
            frame = s.robotJump;
        } else if (Math.abs(round.velocityX) > 40) {
            frame = s.robotRun.getKeyFrame(round.elapsed);
        } else {
            frame = s.robotIdle.getKeyFrame(round.elapsed);
        }
        float w = frame.getRegionWidth();
        float h = frame.getRegionHeight();
        batch.draw(frame, round.playerX - w / 2, round.playerY - 2, w / 2, h / 2, w, h,
                round.facingLeft ? -1 : 1, 1, 0);
    }

    private void drawHud(Sprites s) {
        if (round.score != shownScore) {
            shownScore = round.score;
            scoreText.setLength(0);
            scoreText.append(round.score);
        }
        int seconds = MathUtils.ceil(round.timeLeft());
        if (seconds != shownSeconds) {
            shownSeconds = seconds;
            timeText.setLength(0);
            timeText.append(seconds / 60).append(':').append(seconds % 60 < 10 ? "0" : "").append(seconds % 60);
        }
        if (round.combo != shownCombo) {
            shownCombo = round.combo;
            comboText.setLength(0);
            comboText.append('x').append(round.combo).append(" combo");
        }
        float top = FetchGame.HEIGHT - 14;
        game.ui.left(batch, "SCORE", 14, Ui.DIM, 20, top);
        game.ui.left(batch, scoreText, 30, Ui.WHITE, 20, top - 18);
        if (round.combo > 1) {
            game.ui.left(batch, comboText, 16, Ui.ACCENT, 22, top - 56);
        }
        game.ui.centred(batch, timeText, 30, seconds <= 5 ? Ui.ALERT : Ui.WHITE, FetchGame.WIDTH / 2f, top - 4);
        for (int i = 0; i < Round.START_LIVES; i++) {
            batch.setColor(1f, 1f, 1f, i < round.lives ? 1f : 0.2f);
            batch.draw(s.heart, FetchGame.WIDTH - 36 - i * 28, top - 26);
        }
        batch.setColor(Color.WHITE);
        if (round.isOver()) {
            banner(round.lives <= 0 ? "OUT OF LIVES" : "TIME!", null);
        } else if (paused) {
            banner("PAUSED", "Enter resumes, Esc returns to the title");
        }
    }

    private void banner(String title, String subtitle) {
        batch.setColor(SHADE);
        batch.draw(game.white, 0, 200, FetchGame.WIDTH, 140);
        batch.setColor(Color.WHITE);
        game.ui.heading(batch, title, 56, Ui.ACCENT, FetchGame.WIDTH / 2f, 320);
        if (subtitle != null) {
            game.ui.centred(batch, subtitle, 16, Ui.WHITE, FetchGame.WIDTH / 2f, 240);
        }
    }

    private void centred(TextureRegion region, float x, float y, float w, float h) {
        batch.draw(region, x - w / 2, y - h / 2, w, h);
    }
}
