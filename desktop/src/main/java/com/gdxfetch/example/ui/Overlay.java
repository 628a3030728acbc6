package com.gdxfetch.example.ui;

import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.graphics.Color;
import com.badlogic.gdx.graphics.g2d.Batch;
import com.badlogic.gdx.graphics.g2d.TextureRegion;
import com.gdxfetch.example.Actions;
import com.gdxfetch.example.FetchGame;
import com.gdxfetch.example.harness.CountingTransport;
import com.gdxfetch.example.online.ServerPaths;
import com.gdxfetch.input.InputMapper;
import com.gdxfetch.net.Decoders;
import com.gdxfetch.net.FetchCallback;
import com.gdxfetch.net.FetchException;
import com.gdxfetch.net.FetchManager;
import com.gdxfetch.net.HttpRequest;
import com.gdxfetch.net.HttpResponse;

/**
 * The performance overlay: a graph of recent frame times, the request manager's in-flight and
 * queued counts, and a key that fires 500 requests at once, so anyone can watch the frames stay
 * even while they complete. Render thread only; its text is rebuilt four times a second, not
 * every frame.
 */
public final class Overlay {
    /** Requests one press of the burst key sends. */
    public static final int BURST_SIZE = 500;
    private static final String BURST_TAG = "burst";
    private static final int SAMPLES = 180;
    private static final float PIXELS_PER_MS = 3f;
    private static final float GRAPH_X = 16;
    private static final float GRAPH_Y = FetchGame.HEIGHT - 150;
    private static final float BACKING_WIDTH = 440;
    private static final Color BACKING = new Color(0.02f, 0.02f, 0.06f, 0.78f);
    private static final Color GOOD = new Color(0.4f, 0.92f, 0.55f, 1f);
    private static final Color SLOW = new Color(1f, 0.76f, 0.3f, 1f);
    private static final Color BAD = new Color(1f, 0.38f, 0.38f, 1f);
    private static final Color GUIDE = new Color(1f, 1f, 1f, 0.35f);

    private final FetchManager fetch;
    private final CountingTransport wire;
    private final InputMapper input;
    /** Built once: a request is immutable and may be sent any number of times. */
    private final HttpRequest ping;
    private final Ui ui;
    private final float[] frameMillis = new float[SAMPLES];
    private final StringBuilder frameLine = new StringBuilder();
    private final StringBuilder requestLine = new StringBuilder();
    private final StringBuilder responseLine = new StringBuilder();
    private final StringBuilder burstLine = new StringBuilder();
    private final StringBuilder burstFrameLine = new StringBuilder();
    private final StringBuilder hintLine = new StringBuilder();
    private final BurstCounter burst = new BurstCounter();
    private int head;
    private float sinceRefresh = Float.MAX_VALUE;
    private boolean visible;

    /** An overlay reporting on {@code fetch} and its transport; the burst goes to {@code serverUrl}'s ping. */
    public Overlay(FetchManager fetch, CountingTransport wire, InputMapper input, String serverUrl, Ui ui) {
        this.fetch = fetch;
        this.wire = wire;
        this.input = input;
        this.ping = HttpRequest.get(ServerPaths.ping(serverUrl)).tag(BURST_TAG).build();
        this.ui = ui;
    }

    /**
     * Records this frame's time and how long {@code fetch.update()} took in it, and handles the
     * overlay's two actions; once per frame.
     */
    public void update(float realDeltaSeconds, long fetchUpdateNanos) {
        frameMillis[head] = realDeltaSeconds * 1000f;
        head = (head + 1) % SAMPLES;
        burst.frame(realDeltaSeconds * 1000f, fetchUpdateNanos / 1e6f);
        if (input.justPressed(Actions.OVERLAY)) {
            visible = !visible;
            sinceRefresh = Float.MAX_VALUE;
        }
        if (input.justPressed(Actions.BURST)) {
            fireBurst();
        }
        sinceRefresh += realDeltaSeconds;
        if (visible && sinceRefresh >= 0.25f) {
            sinceRefresh = 0;
            refreshText();
        }
    }

    /** Sends {@link #BURST_SIZE} pings through the shared manager; they queue behind its host limit. */
    public void fireBurst() {
        burst.start();
        for (int i = 0; i < BURST_SIZE; i++) {
            fetch.send(ping, Decoders.response(), burst);
        }
        visible = true;
        sinceRefresh = Float.MAX_VALUE;
    }

    /** Whether the overlay is showing. */
    public boolean isVisible() {
        return visible;
    }

    /** Draws the overlay when visible; the batch must be begun, {@code white} a plain white region. */
    public void draw(Batch batch, TextureRegion white) {
        if (!visible) {
            return;
        }
        float top = FetchGame.HEIGHT - 8;
        batch.setColor(BACKING);
        batch.draw(white, 8, GRAPH_Y - 140, BACKING_WIDTH, top - (GRAPH_Y - 140));
        for (int i = 0; i < SAMPLES; i++) {
            float ms = frameMillis[(head + i) % SAMPLES];
            batch.setColor(ms <= 17.5f ? GOOD : ms <= 34f ? SLOW : BAD);
            batch.draw(white, GRAPH_X + i * 2, GRAPH_Y, 2, Math.min(ms, 45f) * PIXELS_PER_MS);
        }
        batch.setColor(GUIDE);
        batch.draw(white, GRAPH_X, GRAPH_Y + 16.7f * PIXELS_PER_MS, SAMPLES * 2, 1);
        batch.setColor(Color.WHITE);
        ui.left(batch, frameLine, 14, Ui.WHITE, GRAPH_X, GRAPH_Y - 6);
        ui.left(batch, requestLine, 14, Ui.WHITE, GRAPH_X, GRAPH_Y - 28);
        ui.left(batch, responseLine, 14, Ui.WHITE, GRAPH_X, GRAPH_Y - 50);
        ui.left(batch, burstLine, 14, Ui.MINT, GRAPH_X, GRAPH_Y - 72);
        ui.left(batch, burstFrameLine, 14, Ui.MINT, GRAPH_X, GRAPH_Y - 94);
        ui.left(batch, hintLine, 13, Ui.DIM, GRAPH_X, GRAPH_Y - 116);
    }

    private void refreshText() {
        float sum = 0;
        float worst = 0;
        for (float ms : frameMillis) {
            sum += ms;
            worst = Math.max(worst, ms);
        }
        float mean = sum / SAMPLES;
        frameLine.setLength(0);
        frameLine.append("frame ").append(tenths(mean)).append(" ms, worst ").append(tenths(worst))
                .append(" ms (last ").append(SAMPLES).append(" frames)");
        requestLine.setLength(0);
        requestLine.append("requests: ").append(fetch.inFlightCount()).append(" in flight, ")
                .append(fetch.queuedCount()).append(" queued");
        responseLine.setLength(0);
        responseLine.append("responses: ").append(wire.successCount()).append(" ok, ").append(wire.notModifiedCount())
                .append(" not modified, ").append(wire.failureCount()).append(" failed");
        burstLine.setLength(0);
        burstFrameLine.setLength(0);
        if (burst.started == 0) {
            burstLine.append("no burst fired yet");
        } else {
            burstLine.append("burst: ").append(burst.succeeded + burst.failed).append(" / ").append(burst.started)
                    .append(" done, ").append(burst.failed).append(" failed");
            if (burst.finishedMillis > 0) {
                burstLine.append(" in ").append(burst.finishedMillis).append(" ms");
            }
            burstFrameLine.append("worst frame ").append(tenths(burst.worstFrameMillis))
                    .append(" ms, worst fetch.update() ").append(tenths(burst.worstUpdateMillis)).append(" ms");
        }
        hintLine.setLength(0);
        hintLine.append(Actions.keyName(input.actions(), Actions.OVERLAY)).append(": overlay   ")
                .append(Actions.keyName(input.actions(), Actions.BURST)).append(": fire ").append(BURST_SIZE)
                .append(" requests");
    }

    private static String tenths(float value) {
        int t = Math.round(value * 10);
        return (t / 10) + "." + (t % 10);
    }

    /** One callback object for every request of a burst: counts outcomes, on the render thread. */
    private static final class BurstCounter implements FetchCallback<HttpResponse> {
        int started;
        int succeeded;
        int failed;
        long startNanos;
        long finishedMillis;
        float worstFrameMillis;
        float worstUpdateMillis;

        void start() {
            if (succeeded + failed >= started) {
                started = 0;
                succeeded = 0;
                failed = 0;
                startNanos = System.nanoTime();
                finishedMillis = 0;
                worstFrameMillis = 0;
                worstUpdateMillis = 0;
            }
            started += BURST_SIZE;
        }

        /** Notes a frame's time, and the request manager's share of it, while the burst is open. */
        void frame(float millis, float updateMillis) {
            if (succeeded + failed < started) {
                worstFrameMillis = Math.max(worstFrameMillis, millis);
                worstUpdateMillis = Math.max(worstUpdateMillis, updateMillis);
            }
        }

        @Override
        public void onSuccess(HttpResponse response, HttpResponse same) {
            succeeded++;
            finish();
        }

        @Override
        public void onFailure(FetchException failure) {
            failed++;
            finish();
        }

        @Override
        public void onCancelled() {
            failed++;
            finish();
        }

        private void finish() {
            if (succeeded + failed == started) {
                finishedMillis = (System.nanoTime() - startNanos) / 1_000_000;
                Gdx.app.log("overlay", "Burst of " + started + " requests done in " + finishedMillis + " ms, "
                        + failed + " failed; worst frame meanwhile " + tenths(worstFrameMillis)
                        + " ms, worst fetch.update() " + tenths(worstUpdateMillis) + " ms");
            }
        }
    }
}
