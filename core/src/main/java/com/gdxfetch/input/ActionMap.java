package com.gdxfetch.input;

import com.badlogic.gdx.utils.Array;
import com.badlogic.gdx.utils.ObjectIntMap;
import com.gdxfetch.input.internal.ActionDef;

/**
 * The table from named actions to inputs: contexts, each action's shipped defaults and its current
 * bindings, which a rebinding menu or {@link BindingsFile} may change.
 *
 * <p>Action names are unique across the whole map, so game code asks {@link InputMapper} about
 * {@code "jump"} without naming a context. Within one context an input should drive one action;
 * {@link #conflict(String, Binding)} finds the other action when it does not.
 *
 * <p>Not thread-safe: use it on the render thread. Methods throw {@link IllegalArgumentException}
 * naming the action or value when given an unknown action, a bad slot or a null binding.
 */
public final class ActionMap {
    private final Array<InputContext> contexts = new Array<>();
    private final Array<ActionDef> actions = new Array<>();
    private final ObjectIntMap<String> ids = new ObjectIntMap<>();
    private float deadzone = 0.2f;
    private int version;

    /**
     * Creates a context; its actions are added with {@link InputContext#action(String, Binding...)}.
     *
     * @throws IllegalArgumentException if the name is empty or already used
     */
    public InputContext context(String name, int priority) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("context name must not be empty");
        }
        if (findContext(name) != null) {
            throw new IllegalArgumentException("context '" + name + "' is already defined");
        }
        InputContext context = new InputContext(this, name, priority, contexts.size);
        contexts.add(context);
        changed();
        return context;
    }

    /**
     * The context with this name.
     *
     * @throws IllegalArgumentException if there is none
     */
    public InputContext context(String name) {
        InputContext context = findContext(name);
        if (context == null) {
            throw new IllegalArgumentException("unknown context '" + name + "'");
        }
        return context;
    }

    /** Every context in definition order; a copy the caller may keep. */
    public Array<InputContext> contexts() {
        return new Array<>(contexts);
    }

    /** Whether an action with this name is defined. */
    public boolean hasAction(String action) {
        return action != null && ids.containsKey(action);
    }

    /** The context the action belongs to. */
    public InputContext contextOf(String action) {
        return contexts.get(def(action).context);
    }

    /** How many inputs the action is bound to now. */
    public int bindingCount(String action) {
        return def(action).current.size;
    }

    /** The action's binding in a menu slot, or null when the slot is past its last binding. */
    public Binding binding(String action, int slot) {
        Array<Binding> current = def(action).current;
        if (slot < 0) {
            throw new IllegalArgumentException("negative binding slot " + slot + " for action '" + action + "'");
        }
        return slot < current.size ? current.get(slot) : null;
    }

    /** The action's current bindings in slot order; a copy the caller may keep. */
    public Array<Binding> bindings(String action) {
        return new Array<>(def(action).current);
    }

    /** The action's shipped default bindings in slot order; a copy the caller may keep. */
    public Array<Binding> defaults(String action) {
        return new Array<>(def(action).defaults);
    }

    /** Whether the action's current bindings are exactly its defaults, in order. */
    public boolean isDefault(String action) {
        return def(action).isDefault();
    }

    /**
     * Binds the action's slot to an input; a slot equal to {@link #bindingCount(String)} appends.
     * The input leaves any other slot of the same action; other actions are not touched (see
     * {@link #conflict(String, Binding)}).
     */
    public void setBinding(String action, int slot, Binding binding) {
        ActionDef def = def(action);
        requireBinding(action, binding);
        if (slot < 0 || slot > def.current.size) {
            throw new IllegalArgumentException("binding slot " + slot + " out of range 0.." + def.current.size
                + " for action '" + action + "'");
        }
        if (slot == def.current.size) {
            def.current.add(binding);
        } else {
            def.current.set(slot, binding);
        }
        for (int i = def.current.size - 1; i >= 0; i--) {
            if (i != slot && def.current.get(i).equals(binding)) {
                def.current.removeIndex(i);
            }
        }
        changed();
    }

    /** Removes the binding in a slot; later slots move up. A slot past the last binding is ignored. */
    public void removeBinding(String action, int slot) {
        ActionDef def = def(action);
        if (slot < 0) {
            throw new IllegalArgumentException("negative binding slot " + slot + " for action '" + action + "'");
        }
        if (slot < def.current.size) {
            def.current.removeIndex(slot);
            changed();
        }
    }

    /** Removes the input from the action if it is bound there; returns whether it was. */
    public boolean removeBinding(String action, Binding binding) {
        boolean removed = def(action).current.removeValue(binding, false);
        if (removed) {
            changed();
        }
        return removed;
    }

    /** Replaces all of the action's bindings, in slot order; duplicates are kept once. */
    public void setBindings(String action, Array<Binding> bindings) {
        ActionDef def = def(action);
        for (int i = 0; i < bindings.size; i++) {
            requireBinding(action, bindings.get(i));
        }
        def.current.clear();
        for (int i = 0; i < bindings.size; i++) {
            if (!def.current.contains(bindings.get(i), false)) {
                def.current.add(bindings.get(i));
            }
        }
        changed();
    }

    /**
     * The other action in the same context already bound to this input, or null if there is none.
     * Actions in other contexts may share inputs freely; priorities decide between them.
     */
    public String conflict(String action, Binding binding) {
        ActionDef def = def(action);
        requireBinding(action, binding);
        for (int i = 0; i < actions.size; i++) {
            ActionDef other = actions.get(i);
            if (other != def && other.context == def.context && other.current.contains(binding, false)) {
                return other.name;
            }
        }
        return null;
    }

    /** Puts every action back to its shipped defaults. */
    public void resetToDefaults() {
        for (int i = 0; i < actions.size; i++) {
            ActionDef def = actions.get(i);
            def.current.clear();
            def.current.addAll(def.defaults);
        }
        changed();
    }

    /** Puts one action back to its shipped defaults. */
    public void resetToDefaults(String action) {
        ActionDef def = def(action);
        def.current.clear();
        def.current.addAll(def.defaults);
        changed();
    }

    /** How far (0..1) a stick must be pushed before an axis binding counts; the default is 0.2. */
    public float deadzone() {
        return deadzone;
    }

    /**
     * Sets the stick deadzone. Strength past it is rescaled so it still runs from 0 to 1.
     *
     * @throws IllegalArgumentException unless {@code 0 <= deadzone < 1}
     */
    public void setDeadzone(float deadzone) {
        if (!(deadzone >= 0f && deadzone < 1f)) {
            throw new IllegalArgumentException("deadzone must be in [0, 1): " + deadzone);
        }
        this.deadzone = deadzone;
        changed();
    }

    void define(InputContext context, String name, Binding[] defaults) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("action name must not be empty in context '" + context.name() + "'");
        }
        if (ids.containsKey(name)) {
            throw new IllegalArgumentException("action '" + name + "' is already defined in context '"
                + contextOf(name).name() + "'");
        }
        Array<Binding> list = new Array<>(defaults.length);
        for (Binding binding : defaults) {
            requireBinding(name, binding);
            if (list.contains(binding, false)) {
                throw new IllegalArgumentException("action '" + name + "' lists " + binding + " twice");
            }
            list.add(binding);
        }
        ActionDef def = new ActionDef(actions.size, name, context.index(), list);
        actions.add(def);
        ids.put(name, def.id);
        changed();
    }

    /** The action's id, stable for the life of the map. */
    int id(String action) {
        if (action == null) {
            // libGDX's map would say only "key cannot be null."
            throw new IllegalArgumentException("action name is null");
        }
        int id = ids.get(action, -1);
        if (id < 0) {
            throw new IllegalArgumentException("unknown action '" + action + "'");
        }
        return id;
    }

    ActionDef def(String action) {
        return actions.get(id(action));
    }

    ActionDef def(int id) {
        return actions.get(id);
    }

    int actionCount() {
        return actions.size;
    }

    InputContext context(int index) {
        return contexts.get(index);
    }

    int contextCount() {
        return contexts.size;
    }

    /** Bumped on every change so {@link InputMapper} knows to rebuild its lookup tables. */
    int version() {
        return version;
    }

    void changed() {
        version++;
    }

    private InputContext findContext(String name) {
        for (int i = 0; i < contexts.size; i++) {
            if (contexts.get(i).name().equals(name)) {
                return contexts.get(i);
            }
        }
        return null;
    }

    private static void requireBinding(String action, Binding binding) {
        if (binding == null) {
            throw new IllegalArgumentException("null binding for action '" + action + "'");
        }
    }
}
