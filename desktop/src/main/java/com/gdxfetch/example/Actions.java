package com.gdxfetch.example;

import com.badlogic.gdx.Input.Buttons;
import com.badlogic.gdx.Input.Keys;
import com.gdxfetch.input.ActionMap;
import com.gdxfetch.input.Binding;
import com.gdxfetch.input.InputContext;

/** The game's logical actions and their default keys; scenes ask for these names only. */
public final class Actions {
    /** Context of the menu actions, active in menus. */
    public static final String MENU = "menu";
    /** Context of the play actions, active during a round. */
    public static final String GAMEPLAY = "gameplay";
    /** Context of the overlay keys, active everywhere. */
    public static final String DEBUG = "debug";

    public static final String UP = "up";
    public static final String DOWN = "down";
    public static final String CONFIRM = "confirm";
    public static final String BACK = "back";
    public static final String LEFT = "left";
    public static final String RIGHT = "right";
    public static final String JUMP = "jump";
    public static final String SHOOT = "shoot";
    public static final String PAUSE = "pause";
    public static final String OVERLAY = "overlay";
    public static final String BURST = "burst";

    /** The actions a player may rebind in the settings scene, in menu order. */
    public static final String[] REBINDABLE = {LEFT, RIGHT, JUMP, SHOOT, PAUSE, OVERLAY, BURST};

    private Actions() {
    }

    /** The name of the first input bound to {@code action} in {@code map}, for on-screen hints. */
    public static String keyName(ActionMap map, String action) {
        Binding binding = map.binding(action, 0);
        return binding == null ? "(unbound)" : binding.toString();
    }

    /** The table with every action at its default bindings. */
    public static ActionMap defaults() {
        ActionMap map = new ActionMap();
        map.context(DEBUG, 30).consume(InputContext.Consume.NONE)
                .action(OVERLAY, Binding.key(Keys.F3))
                .action(BURST, Binding.key(Keys.F4));
        map.context(MENU, 20)
                .action(UP, Binding.key(Keys.UP), Binding.key(Keys.W))
                .action(DOWN, Binding.key(Keys.DOWN), Binding.key(Keys.S))
                .action(CONFIRM, Binding.key(Keys.ENTER), Binding.key(Keys.SPACE))
                .action(BACK, Binding.key(Keys.ESCAPE), Binding.key(Keys.BACKSPACE));
        map.context(GAMEPLAY, 10)
                .action(LEFT, Binding.key(Keys.LEFT), Binding.key(Keys.A))
                .action(RIGHT, Binding.key(Keys.RIGHT), Binding.key(Keys.D))
                .action(JUMP, Binding.key(Keys.UP), Binding.key(Keys.W))
                .action(SHOOT, Binding.key(Keys.SPACE), Binding.mouse(Buttons.LEFT))
                .action(PAUSE, Binding.key(Keys.ESCAPE), Binding.key(Keys.P));
        return map;
    }
}
