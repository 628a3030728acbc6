package com.gdxfetch.example.scenes;

import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.utils.Array;
import com.badlogic.gdx.utils.GdxRuntimeException;
import com.gdxfetch.example.Actions;
import com.gdxfetch.example.FetchGame;
import com.gdxfetch.example.ui.Ui;
import com.gdxfetch.input.ActionMap;
import com.gdxfetch.input.Binding;
import com.gdxfetch.input.BindingsFile;
import com.gdxfetch.input.RebindCapture;

/**
 * Rebinding: pick an action, press the new key (the input mapper's capture mode takes it), and
 * the change is saved to the bindings file at once, so it holds on the next run. A key another
 * action uses asks whether to swap.
 */
public final class SettingsScene extends Scene {
    private static final String[] LABELS = {"Move left", "Move right", "Jump", "Shoot", "Pause", "Toggle overlay",
        "Fire 500 requests"};
    private static final String RESET = "Reset to defaults";
    private static final String BACK = "Back";
    private static final float LIST_TOP = 430;
    private static final float ROW_STEP = 36;
    private static final float LIST_X = 200;
    private static final float LIST_W = 560;
    /**
     * A failed save's message wraps at this many characters, so a line of file paths (the message
     * names the file, a folder's path twice) stays inside the window; four lines fit under the list.
     */
    private static final int FAILURE_LINE_CHARS = 80;
    private static final int FAILURE_LINES = 4;
    private static final float FAILURE_LINE_STEP = 16;

    private final Array<String> boundTo = new Array<>();
    private int selected;
    private RebindCapture capture;
    private String prompt;
    private String waitingPrompt;
    private String capturedName = "";
    /** Why the last save failed, in lines to draw, or null when it worked. */
    private Array<String> saveFailure;

    /** The scene for {@code game}; created on the render thread once the sprite sheet is loaded. */
    public SettingsScene(FetchGame game) {
        super(game);
    }

    @Override
    public void show() {
        super.show();
        game.useContext(Actions.MENU);
        capture = null;
        saveFailure = null;
        refresh();
    }

    @Override
    protected void update(float delta) {
        game.music.ensurePlaying(game.song());
        game.backdrop.update(delta, 12);
        if (capture != null) {
            followCapture();
            return;
        }
        int items = Actions.REBINDABLE.length + 2;
        if (game.input.justPressed(Actions.UP)) {
            selected = (selected + items - 1) % items;
        }
        if (game.input.justPressed(Actions.DOWN)) {
            selected = (selected + 1) % items;
        }
        if (game.input.justPressed(Actions.BACK)) {
            game.setScreen(game.title);
        } else if (game.input.justPressed(Actions.CONFIRM)) {
            if (selected < Actions.REBINDABLE.length) {
                String action = Actions.REBINDABLE[selected];
                capture = game.input.startCapture(action, 0);
                waitingPrompt = "Press a key or mouse button for " + LABELS[selected] + " (Esc cancels)";
                prompt = waitingPrompt;
            } else if (selected == Actions.REBINDABLE.length) {
                game.actions.resetToDefaults();
                save();
            } else {
                game.setScreen(game.title);
            }
        }
    }

    private void followCapture() {
        switch (capture.state()) {
            case WAITING:
                return;
            case CONFLICT:
                if (prompt == waitingPrompt) {
                    capturedName = capture.captured() + "?";
                    prompt = capture.captured() + " is used by " + label(capture.conflictingAction())
                            + ". Enter swaps the two, Esc cancels.";
                }
                if (game.input.justPressed(Actions.CONFIRM)) {
                    capture.swap();
                    save();
                    capture = null;
                } else if (game.input.justPressed(Actions.BACK)) {
                    capture.cancel();
                    capture = null;
                }
                return;
            case DONE:
                save();
                capture = null;
                return;
            default:
                capture = null;
        }
    }

    private static String label(String action) {
        for (int i = 0; i < Actions.REBINDABLE.length; i++) {
            if (Actions.REBINDABLE[i].equals(action)) {
                return LABELS[i];
            }
        }
        return "'" + action + "'";
    }

    private void save() {
        String failure = saveBindings(game.bindings, game.actions);
        if (failure == null) {
            saveFailure = null;
            Gdx.app.log("input", "Key bindings saved to " + game.bindings.file().path());
        } else {
            // The new bindings still apply in this run; the file keeps the old ones for the next.
            saveFailure = Ui.wrap("Not saved, so these keys last until you quit: " + failure, FAILURE_LINE_CHARS);
            Gdx.app.error("input", "Key bindings not saved: " + failure);
        }
        refresh();
    }

    /**
     * Writes {@code actions} to {@code file}: null once saved, else why not, for the player. A
     * save the disk refuses (full, read-only, a folder where the file should be) must not end the
     * game from inside {@code render()}; {@link BindingsFile#save} leaves the previous file as it was.
     */
    static String saveBindings(BindingsFile file, ActionMap actions) {
        try {
            file.save(actions);
            return null;
        } catch (GdxRuntimeException e) {
            return e.getMessage();
        }
    }

    private void refresh() {
        boundTo.clear();
        for (String action : Actions.REBINDABLE) {
            Array<Binding> bindings = game.actions.bindings(action);
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < bindings.size; i++) {
                text.append(i == 0 ? "" : ", ").append(bindings.get(i));
            }
            boundTo.add(text.length() == 0 ? "(unbound)" : text.toString());
        }
    }

    @Override
    protected void draw() {
        game.backdrop.draw(batch);
        float cx = FetchGame.WIDTH / 2f;
        game.ui.heading(batch, "SETTINGS", 40, Ui.ACCENT, cx, 520);
        int items = Actions.REBINDABLE.length + 2;
        float listBottom = LIST_TOP - items * ROW_STEP;
        game.sprites.panel.draw(batch, LIST_X - 24, listBottom - 14, LIST_W + 48, items * ROW_STEP + 30);
        for (int i = 0; i < items; i++) {
            float top = LIST_TOP - i * ROW_STEP;
            boolean on = i == selected;
            if (on) {
                batch.setColor(1f, 1f, 1f, 0.12f);
                batch.draw(game.white, LIST_X - 8, top - 28, LIST_W + 16, 32);
                batch.setColor(1f, 1f, 1f, 1f);
            }
            if (i < Actions.REBINDABLE.length) {
                game.ui.left(batch, LABELS[i], 18, on ? Ui.ACCENT : Ui.WHITE, LIST_X, top);
                boolean waiting = on && capture != null;
                String shown = !waiting ? boundTo.get(i) : capture.captured() != null ? capturedName : "...";
                game.ui.right(batch, shown, 18, waiting ? Ui.MINT : Ui.DIM, LIST_X + LIST_W, top);
            } else {
                String label = i == Actions.REBINDABLE.length ? RESET : BACK;
                game.ui.left(batch, label, 18, on ? Ui.ACCENT : Ui.WHITE, LIST_X, top);
            }
        }
        if (capture == null && saveFailure != null) {
            int lines = Math.min(saveFailure.size, FAILURE_LINES);
            for (int i = 0; i < lines; i++) {
                game.ui.centred(batch, saveFailure.get(i), 15, Ui.ALERT, cx, 40 + (lines - 1 - i) * FAILURE_LINE_STEP);
            }
            return;
        }
        String hint = capture != null ? prompt
                : "Up/Down choose, Enter rebinds, Esc goes back. Changes are saved at once.";
        game.ui.centred(batch, hint, 15, capture != null ? Ui.MINT : Ui.WHITE, cx, 40);
    }
}
