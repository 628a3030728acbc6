package com.gdxfetch.input;

import com.badlogic.gdx.Input.Buttons;
import com.badlogic.gdx.Input.Keys;
import com.badlogic.gdx.InputProcessor;
import com.badlogic.gdx.utils.Array;
import com.badlogic.gdx.utils.IntArray;
import com.badlogic.gdx.utils.SnapshotArray;
import com.gdxfetch.input.internal.ActionDef;
import com.gdxfetch.input.internal.ActionState;
import com.gdxfetch.input.internal.InputCodes;
import com.gdxfetch.input.internal.PadInputs;
import com.gdxfetch.input.internal.RoutingTable;
import com.gdxfetch.internal.Checks;
import com.gdxfetch.internal.Platform;
import java.util.Arrays;

/**
 * Turns raw keyboard, mouse and gamepad events into named actions, and keeps each action's state
 * for the current frame.
 *
 * <p>Install it as (or inside an {@code InputMultiplexer} as) the input processor; for gamepads
 * also register a {@link GamepadInput}. Call {@link #update()} once at the start of every
 * {@code render()}: it latches what happened since the last call, so {@link #isPressed},
 * {@link #justPressed} and {@link #justReleased} agree for the whole frame, and a key pressed and
 * released between two frames still reports both edges. Listeners run inside {@code update()}.
 *
 * <p>An event handler returns true (so a multiplexer stops passing it on) only when an action or a
 * {@link RebindCapture} took the input. In steady state neither events nor {@code update()}
 * allocate.
 *
 * <p>Threading: create and use on the render thread, where libGDX delivers input; events,
 * {@code update()} and queries from another thread throw {@link IllegalStateException}.
 * {@link ActionListener}s run on that thread, inside {@link #update()}. Failure: querying an
 * unknown action throws {@link IllegalArgumentException}; an exception from a listener propagates
 * out of {@code update()}.
 */
public final class InputMapper implements InputProcessor {
    private static final float CAPTURE_AXIS_THRESHOLD = 0.5f;
    private static final int PRESSED_BIT = 1;

    private final ActionMap map;
    private final Array<ActionState> states = new Array<>();
    private final RoutingTable table = new RoutingTable();
    private final IntArray events = new IntArray();
    private final IntArray suppressed = new IntArray();
    private final Array<PadInputs> pads = new Array<>(false, 4);
    private final SnapshotArray<ActionListener> listeners = new SnapshotArray<>(ActionListener[]::new);
    /** True while update() runs the listeners: a nested update() would deliver their events again. */
    private boolean delivering;
    private boolean[] active = new boolean[0];
    private int builtVersion = -1;
    private int allFloor = Integer.MIN_VALUE;
    private RebindCapture capture;
    // Platform's thread, not java.lang.Thread's: the web build has no currentThread().
    private final Object renderThread = Platform.currentThread();

    /** A mapper over the given table; every context starts active. Call on the render thread, which then owns it. */
    public InputMapper(ActionMap map) {
        if (map == null) {
            throw new IllegalArgumentException("action map must not be null");
        }
        this.map = map;
        refresh();
    }

    /** The table this mapper reads; rebinding it takes effect with the next event or update. Any thread. */
    public ActionMap actions() {
        return map;
    }

    /**
     * Latches the events since the last call into this frame's state and delivers them to the
     * listeners, on the calling (render) thread. Call once per frame before reading any state. An
     * exception from a listener propagates to the caller; the state stays latched, and the rest
     * of this frame's events reach no listener (they are not delivered twice).
     *
     * @throws IllegalStateException if called from inside a listener
     *
     * <p>Returns nothing, unlike the other parts' {@code update()}: every event that arrived is
     * delivered in this call, so no work is ever left for a later frame.
     */
    public void update() {
        if (delivering) {
            throw new IllegalStateException("InputMapper.update() called from inside an ActionListener; listeners "
                    + "already run inside update(), so return and let the next frame continue");
        }
        refresh();
        for (int i = 0; i < states.size; i++) {
            states.get(i).latch();
        }
        int count = events.size;
        if (count == 0) {
            return;
        }
        ActionListener[] items = listeners.begin();
        int n = listeners.size;
        delivering = true;
        try {
            for (int e = 0; e < count; e++) {
                int event = events.get(e);
                String name = map.def(event >>> 1).name;
                boolean pressed = (event & PRESSED_BIT) != 0;
                for (int l = 0; l < n; l++) {
                    if (pressed) {
                        items[l].actionPressed(name);
                    } else {
                        items[l].actionReleased(name);
                    }
                }
            }
        } finally {
            delivering = false;
            listeners.end();
            // Events a listener caused (say, by switching a context off) belong to the next frame;
            // if a listener threw, this frame's events are dropped rather than delivered twice.
            events.removeRange(0, count - 1);
        }
    }

    /** Whether the action is held this frame. */
    public boolean isPressed(String action) {
        return state(action).pressed;
    }

    /** Whether the action went down since the previous frame (even if it is already up again). */
    public boolean justPressed(String action) {
        return state(action).justPressed;
    }

    /** Whether the action went up since the previous frame (even if it is already down again). */
    public boolean justReleased(String action) {
        return state(action).justReleased;
    }

    /** How strongly the action is held this frame: 0 or 1 for buttons, 0..1 past the deadzone for sticks. */
    public float strength(String action) {
        return state(action).strength;
    }

    /**
     * An axis built from two actions: {@code strength(positive) - strength(negative)}, in -1..1.
     * Bind each action to a key, a button or one direction of a stick, e.g.
     * {@code axis("left", "right")}.
     */
    public float axis(String negative, String positive) {
        return state(positive).strength - state(negative).strength;
    }

    /**
     * Switches a context on or off. Switching off releases its held actions, so their
     * {@code justReleased} shows next frame and listeners hear of it; inputs still held when a
     * context comes back on count only once pressed again.
     */
    public void setActive(String context, boolean on) {
        refresh();
        int index = map.context(context).index();
        if (active[index] == on) {
            return;
        }
        active[index] = on;
        if (!on) {
            for (int i = 0; i < states.size; i++) {
                if (map.def(i).context == index && states.get(i).releaseAll()) {
                    events.add(i << 1);
                }
            }
        }
        updateAllFloor();
    }

    /** Whether the context is switched on. */
    public boolean isActive(String context) {
        refresh();
        return active[map.context(context).index()];
    }

    /** Adds a listener; it hears events from the next {@link #update()}. */
    public void addListener(ActionListener listener) {
        Checks.renderThread(renderThread, "InputMapper");
        if (listener == null) {
            throw new IllegalArgumentException("listener must not be null");
        }
        listeners.add(listener);
    }

    /** Removes a listener; safe to call from inside a listener. */
    public void removeListener(ActionListener listener) {
        Checks.renderThread(renderThread, "InputMapper");
        listeners.removeValue(listener, true);
    }

    /**
     * Starts a "press a key for this action" prompt for one binding slot (a slot equal to
     * {@link ActionMap#bindingCount(String)} adds a binding). Until it leaves
     * {@link RebindCapture.State#WAITING} presses go to the capture, not to actions. A capture
     * already running is cancelled.
     *
     * @throws IllegalArgumentException for an unknown action or a slot out of range
     */
    public RebindCapture startCapture(String action, int slot) {
        Checks.renderThread(renderThread, "InputMapper");
        int count = map.bindingCount(action);
        if (slot < 0 || slot > count) {
            throw new IllegalArgumentException("binding slot " + slot + " out of range 0.." + count
                + " for action '" + action + "'");
        }
        if (capture != null) {
            capture.cancel();
        }
        capture = new RebindCapture(map, renderThread, action, slot);
        return capture;
    }

    /**
     * Lets go of everything held, as if every input were released; call it when the window loses
     * focus or the game pauses, since the matching key-up events may never arrive.
     */
    public void releaseAll() {
        Checks.renderThread(renderThread, "InputMapper");
        for (int i = 0; i < states.size; i++) {
            if (states.get(i).releaseAll()) {
                events.add(i << 1);
            }
        }
        suppressed.clear();
    }

    /** A key went down; called by libGDX on the render thread. Returns whether an action or capture took it. */
    @Override
    public boolean keyDown(int keycode) {
        return isKey(keycode) && press(InputCodes.key(keycode), 1f, 1f);
    }

    /** A key went up; releases whatever its press held, even if contexts changed since. */
    @Override
    public boolean keyUp(int keycode) {
        return isKey(keycode) && release(InputCodes.key(keycode));
    }

    /**
     * Whether a key event's code can be bound. Others are ignored both ways: packed, a code
     * outside the range would lose its high bits and its key-up release another key's hold.
     */
    private static boolean isKey(int keycode) {
        return keycode > Keys.UNKNOWN && keycode <= Keys.MAX_KEYCODE;
    }

    /** Typed characters are text, not actions; never consumed. */
    @Override
    public boolean keyTyped(char character) {
        return false;
    }

    /**
     * A mouse button went down. Only the first pointer counts as the mouse, so extra touches on a
     * touch screen do not press mouse bindings.
     */
    @Override
    public boolean touchDown(int screenX, int screenY, int pointer, int button) {
        if (pointer != 0 || button < Buttons.LEFT || button > Buttons.FORWARD) {
            return false;
        }
        return press(InputCodes.mouse(button), 1f, 1f);
    }

    /** A mouse button (first pointer) went up. */
    @Override
    public boolean touchUp(int screenX, int screenY, int pointer, int button) {
        if (pointer != 0 || button < Buttons.LEFT || button > Buttons.FORWARD) {
            return false;
        }
        return release(InputCodes.mouse(button));
    }

    /** The system took the pointer away; treated as the button going up. */
    @Override
    public boolean touchCancelled(int screenX, int screenY, int pointer, int button) {
        return touchUp(screenX, screenY, pointer, button);
    }

    /** Pointer motion drives no action; never consumed. */
    @Override
    public boolean touchDragged(int screenX, int screenY, int pointer) {
        return false;
    }

    /** Pointer motion drives no action; never consumed. */
    @Override
    public boolean mouseMoved(int screenX, int screenY) {
        return false;
    }

    /** Each wheel event presses and releases its {@link Binding#wheel(int)} action once. */
    @Override
    public boolean scrolled(float amountX, float amountY) {
        // Not a number is no notch either way, as a stick reading that is not a number is centred.
        if (!(amountY < 0f || amountY > 0f)) {
            return false;
        }
        int code = InputCodes.wheel(amountY < 0f ? Binding.WHEEL_UP : Binding.WHEEL_DOWN);
        boolean used = press(code, 1f, 1f);
        return release(code) || used;
    }

    /**
     * A gamepad button, already translated to a {@link PadButtons} code by {@link GamepadInput}.
     * Each pad's button is an input of its own: its up ends only what its own down reached, and
     * a repeated down (its up was lost) is still one hold.
     */
    boolean padButton(Object pad, int button, boolean down) {
        refresh();
        int code = InputCodes.onPad(InputCodes.padButton(button), padInputs(pad).slot);
        return down ? press(code, 1f, 1f) : release(code);
    }

    /**
     * A gamepad axis in -1..1, already translated to a {@link PadAxes} code by {@link GamepadInput}.
     * Each direction of each pad's axis is an input of its own, so an idle pad's reading inside
     * the deadzone releases nothing another pad holds, and an action held by several pads is as
     * strong as the furthest push.
     */
    boolean padAxis(Object pad, int axis, float value) {
        refresh();
        int slot = padInputs(pad).slot;
        boolean used = axisDirection(InputCodes.onPad(InputCodes.padAxis(axis, 1), slot), value);
        return axisDirection(InputCodes.onPad(InputCodes.padAxis(axis, -1), slot), -value) || used;
    }

    /**
     * A gamepad went away: what it held lets go, since its up events will never come, and a
     * capture's wait for its up ends; what other pads hold stays. A stick still pushed presses
     * again when it next moves.
     */
    void padDisconnected(Object pad) {
        refresh();
        int index = padIndex(pad);
        if (index < 0) {
            return;
        }
        int slot = pads.removeIndex(index).slot;
        for (int i = 0; i < states.size; i++) {
            ActionState state = states.get(i);
            for (int h = state.heldCount() - 1; h >= 0; h--) {
                int code = state.heldCode(h);
                if (InputCodes.padSlot(code) == slot && state.release(code)) {
                    events.add(i << 1);
                }
            }
        }
        for (int i = suppressed.size - 1; i >= 0; i--) {
            if (InputCodes.padSlot(suppressed.get(i)) == slot) {
                suppressed.removeIndex(i);
            }
        }
    }

    /**
     * How many gamepads the mapper knows: heard from and not disconnected since. Checks the thread,
     * as {@link #knowsPad} does: a pad event reads this list first, while the render thread changes it.
     */
    int padCount() {
        Checks.renderThread(renderThread, "InputMapper");
        return pads.size;
    }

    /** One of the {@link #padCount()} known gamepads. */
    Object pad(int index) {
        return pads.get(index).pad;
    }

    /** Whether events from this gamepad arrived since it last disconnected. */
    boolean knowsPad(Object pad) {
        Checks.renderThread(renderThread, "InputMapper");
        return padIndex(pad) >= 0;
    }

    private PadInputs padInputs(Object pad) {
        int index = padIndex(pad);
        if (index >= 0) {
            return pads.get(index);
        }
        PadInputs inputs = new PadInputs(pad, freeSlot());
        pads.add(inputs);
        return inputs;
    }

    /** The lowest slot no known pad uses; a gone pad's inputs were all let go when it left. */
    private int freeSlot() {
        for (int slot = 0; ; slot++) {
            boolean taken = false;
            for (int i = 0; i < pads.size && !taken; i++) {
                taken = pads.get(i).slot == slot;
            }
            if (!taken) {
                if (slot > InputCodes.MAX_PAD_SLOT) {
                    throw new IllegalStateException("more than " + (InputCodes.MAX_PAD_SLOT + 1)
                        + " gamepads connected at once");
                }
                return slot;
            }
        }
    }

    private int padIndex(Object pad) {
        for (int i = 0; i < pads.size; i++) {
            if (pads.get(i).pad == pad) {
                return i;
            }
        }
        return -1;
    }

    private boolean axisDirection(int code, float value) {
        float deadzone = map.deadzone();
        // A NaN reading counts as centred: past the deadzone it would hold both directions with a
        // NaN strength, and axis() would hand the game NaN.
        if (!(value > deadzone)) {
            return release(code);
        }
        float strength = Math.min(1f, (value - deadzone) / (1f - deadzone));
        boolean held = false;
        for (int i = 0; i < states.size; i++) {
            held |= states.get(i).restrength(code, strength);
        }
        return held || press(code, strength, value);
    }

    /**
     * Routes a press to the capture or to the actions of the highest active contexts bound to it.
     * {@code code} may carry a pad slot; routing uses the input without it.
     */
    private boolean press(int code, float strength, float rawValue) {
        refresh();
        int waiting = suppressed.indexOf(code);
        if (waiting >= 0) {
            // A captured stick keeps sending moves until it is back inside the deadzone; a key or
            // button sending a second down has lost its up, so this press is a new one.
            if (InputCodes.isDevice(code, Binding.Device.PAD_AXIS)) {
                return true;
            }
            suppressed.removeIndex(waiting);
        }
        if (capture != null && capture.state() == RebindCapture.State.WAITING) {
            if (rawValue >= CAPTURE_AXIS_THRESHOLD) {
                capture.offer(InputCodes.toBinding(code), code == InputCodes.key(Keys.ESCAPE));
                suppressed.add(code);
            }
            return true;
        }
        int[] ids = table.actionsFor(InputCodes.input(code));
        if (ids == null) {
            return false;
        }
        boolean used = false;
        int floor = allFloor;
        for (int i = 0; i < ids.length; i++) {
            int id = ids[i];
            int context = map.def(id).context;
            InputContext owner = map.context(context);
            if (!active[context]) {
                continue;
            }
            if (owner.priority() < floor) {
                break;
            }
            ActionState state = states.get(id);
            if (state.hold(code, strength)) {
                events.add(id << 1 | PRESSED_BIT);
            }
            used = true;
            if (owner.consume() != InputContext.Consume.NONE) {
                floor = owner.priority();
            }
        }
        return used;
    }

    /** Ends the hold of this input wherever a press put it, whatever the contexts are now. */
    private boolean release(int code) {
        refresh();
        if (suppressed.removeValue(code)) {
            return true;
        }
        boolean used = false;
        for (int i = 0; i < states.size; i++) {
            ActionState state = states.get(i);
            if (state.isHeldBy(code)) {
                used = true;
                if (state.release(code)) {
                    events.add(i << 1);
                }
            }
        }
        return used;
    }

    private ActionState state(String action) {
        refresh();
        return states.get(map.id(action));
    }

    /**
     * Catches up with changes to the map: new actions and contexts, new bindings, new modes. Every
     * event, query and update passes through here, so this is where the thread is checked.
     */
    private void refresh() {
        Checks.renderThread(renderThread, "InputMapper");
        if (builtVersion == map.version()) {
            return;
        }
        builtVersion = map.version();
        while (states.size < map.actionCount()) {
            states.add(new ActionState());
        }
        if (active.length < map.contextCount()) {
            boolean[] grown = new boolean[map.contextCount()];
            Arrays.fill(grown, true);
            System.arraycopy(active, 0, grown, 0, active.length);
            active = grown;
        }
        Array<ActionDef> defs = new Array<>(map.actionCount());
        for (int i = 0; i < map.actionCount(); i++) {
            defs.add(map.def(i));
        }
        int[] priorities = new int[map.contextCount()];
        for (int c = 0; c < priorities.length; c++) {
            priorities[c] = map.context(c).priority();
        }
        table.rebuild(defs, priorities);
        releaseUnbound(defs);
        updateAllFloor();
    }

    /** An input that no longer drives an action must not leave it held forever. */
    private void releaseUnbound(Array<ActionDef> defs) {
        for (int i = 0; i < states.size; i++) {
            ActionState state = states.get(i);
            for (int h = state.heldCount() - 1; h >= 0; h--) {
                int code = state.heldCode(h);
                if (!defs.get(i).isBoundTo(InputCodes.input(code)) && state.release(code)) {
                    events.add(i << 1);
                }
            }
        }
    }

    private void updateAllFloor() {
        int floor = Integer.MIN_VALUE;
        for (int c = 0; c < map.contextCount(); c++) {
            InputContext context = map.context(c);
            if (active[c] && context.consume() == InputContext.Consume.ALL) {
                floor = Math.max(floor, context.priority());
            }
        }
        allFloor = floor;
    }
}
