package com.gdxfetch.input;

import com.badlogic.gdx.utils.Array;

/**
 * A named group of actions, such as "menu" or "gameplay", that {@link InputMapper} can switch on
 * and off as a whole. When several active contexts bind the same input, the one with the higher
 * priority sees it first and, depending on its {@link Consume} mode, hides it from lower ones.
 *
 * <p>Created by {@link ActionMap#context(String, int)}. Not thread-safe: define and change it on
 * the render thread.
 */
public final class InputContext {
    /** What an active context hides from contexts of lower priority. */
    public enum Consume {
        /** Nothing: lower contexts also see every input. */
        NONE,
        /** The inputs this context has an action bound to (the default). */
        BOUND,
        /** Every input, bound here or not: lower contexts see nothing while this one is active. */
        ALL
    }

    private final ActionMap map;
    private final String name;
    private final int priority;
    private final int index;
    private final Array<String> actions = new Array<>();
    private Consume consume = Consume.BOUND;

    InputContext(ActionMap map, String name, int priority, int index) {
        this.map = map;
        this.name = name;
        this.priority = priority;
        this.index = index;
    }

    /**
     * Defines an action in this context with its shipped default bindings, in menu order.
     *
     * @return this context, for chaining
     * @throws IllegalArgumentException if the name is empty or already used anywhere in the map,
     *     or a binding is null or listed twice
     */
    public InputContext action(String name, Binding... defaults) {
        map.define(this, name, defaults);
        actions.add(name);
        return this;
    }

    /**
     * Sets what this context hides from lower-priority contexts while it is active.
     *
     * @return this context, for chaining
     */
    public InputContext consume(Consume mode) {
        if (mode == null) {
            throw new IllegalArgumentException("consume mode must not be null in context '" + name + "'");
        }
        consume = mode;
        map.changed();
        return this;
    }

    /** The name given to {@link ActionMap#context(String, int)}. */
    public String name() {
        return name;
    }

    /** Higher priorities see inputs first. */
    public int priority() {
        return priority;
    }

    /** What this context hides from lower-priority contexts. */
    public Consume consume() {
        return consume;
    }

    /** The names of this context's actions in definition order; a copy the caller may keep. */
    public Array<String> actions() {
        return new Array<>(actions);
    }

    int index() {
        return index;
    }
}
