package com.gdxfetch.input;

import com.badlogic.gdx.Input.Buttons;
import com.badlogic.gdx.Input.Keys;
import java.util.ArrayList;
import java.util.List;

/** The action table most tests share, and a listener that writes down what it hears. */
final class Fixtures {
    private Fixtures() {
    }

    /** A small game: "gameplay" at priority 0 and a "menu" above it that also uses Space and pad A. */
    static ActionMap gameMap() {
        ActionMap map = new ActionMap();
        map.context("gameplay", 0)
            .action("jump", Binding.key(Keys.SPACE), Binding.padButton(PadButtons.A))
            .action("shoot", Binding.mouse(Buttons.LEFT), Binding.key(Keys.CONTROL_LEFT), Binding.padButton(PadButtons.R1))
            .action("left", Binding.key(Keys.A), Binding.key(Keys.LEFT), Binding.padAxis(PadAxes.LEFT_X, -1))
            .action("right", Binding.key(Keys.D), Binding.key(Keys.RIGHT), Binding.padAxis(PadAxes.LEFT_X, 1))
            .action("nextWeapon", Binding.wheel(Binding.WHEEL_DOWN));
        map.context("menu", 10)
            .action("confirm", Binding.key(Keys.ENTER), Binding.key(Keys.SPACE), Binding.padButton(PadButtons.A))
            .action("back", Binding.key(Keys.ESCAPE), Binding.padButton(PadButtons.B));
        return map;
    }

    /** A mapper over {@link #gameMap()} with the menu closed, as during play. */
    static InputMapper playing() {
        InputMapper mapper = new InputMapper(gameMap());
        mapper.setActive("menu", false);
        mapper.update();
        return mapper;
    }

    /** Records "+action" and "-action" in the order it hears them, with the thread that delivered each. */
    static final class EventLog implements ActionListener {
        final List<String> events = new ArrayList<>();
        final List<Thread> threads = new ArrayList<>();

        @Override
        public void actionPressed(String action) {
            events.add("+" + action);
            threads.add(Thread.currentThread());
        }

        @Override
        public void actionReleased(String action) {
            events.add("-" + action);
            threads.add(Thread.currentThread());
        }
    }
}
