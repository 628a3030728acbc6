package com.gdxfetch.input.internal;

import com.badlogic.gdx.utils.Array;
import com.gdxfetch.input.Binding;

/**
 * One action's definition: its context, the shipped default bindings and the current ones.
 * Owned by {@code ActionMap}; used on the render thread only.
 */
public final class ActionDef {
    public final int id;
    public final String name;
    public final int context;
    public final Array<Binding> defaults;
    public final Array<Binding> current;

    /** A new definition whose current bindings start as the defaults. */
    public ActionDef(int id, String name, int context, Array<Binding> defaults) {
        this.id = id;
        this.name = name;
        this.context = context;
        this.defaults = defaults;
        this.current = new Array<>(defaults);
    }

    /** Whether the current bindings are the defaults, in order. */
    public boolean isDefault() {
        return current.equals(defaults);
    }

    /** Whether any current binding packs to {@code packed}; used when bindings change, not per event. */
    public boolean isBoundTo(int packed) {
        for (int i = 0; i < current.size; i++) {
            if (InputCodes.of(current.get(i)) == packed) {
                return true;
            }
        }
        return false;
    }
}
