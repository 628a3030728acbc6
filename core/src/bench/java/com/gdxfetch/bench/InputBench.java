package com.gdxfetch.bench;

import com.badlogic.gdx.Input.Buttons;
import com.badlogic.gdx.Input.Keys;
import com.gdxfetch.input.ActionListener;
import com.gdxfetch.input.ActionMap;
import com.gdxfetch.input.Binding;
import com.gdxfetch.input.GamepadInput;
import com.gdxfetch.input.InputContext;
import com.gdxfetch.input.InputMapper;
import com.gdxfetch.input.PadAxes;
import com.gdxfetch.input.PadButtons;
import com.gdxfetch.input.TestController;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Events per second through {@link InputMapper} and what a steady-state frame allocates, with a
 * game-sized table: 40 actions in three contexts, two of them active.
 */
public final class InputBench implements BenchSuite {
    private static final int ROUNDS = 15;
    private static final int EVENTS_PER_ROUND = 2_000_000;
    private static final int EVENTS_PER_FRAME = 100;
    private static final int ALLOC_FRAMES = 10_000;
    private static final float[] STICK = {0f, 0.1f, 0.5f, 1f, 0.7f, -0.3f, -1f, -0.05f};

    private final TestController pad = new TestController();
    private long heard;
    private float sink;

    @Override
    public String name() {
        return "input";
    }

    @Override
    public void run(Path outputDir) throws Exception {
        InputMapper input = new InputMapper(table());
        input.setActive("vehicle", false);
        GamepadInput pads = new GamepadInput(input);
        input.addListener(new ActionListener() {
            @Override
            public void actionPressed(String action) {
                heard++;
            }

            @Override
            public void actionReleased(String action) {
                heard++;
            }
        });

        double keys = eventsPerSecond(() -> keyEvents(input));
        double mixed = eventsPerSecond(() -> mixedEvents(input, pads));
        double unbound = eventsPerSecond(() -> unboundEvents(input));
        double[] alloc = allocationPerFrame(input, pads);

        String json = String.format(Locale.ROOT, "{%n"
            + "  \"suite\": \"input\",%n"
            + "  \"actions\": 40,%n"
            + "  \"eventsPerFrame\": %d,%n"
            + "  \"keyEventsPerSecond\": %.0f,%n"
            + "  \"mixedEventsPerSecond\": %.0f,%n"
            + "  \"unboundKeyEventsPerSecond\": %.0f,%n"
            + "  \"steadyStateFrames\": %d,%n"
            + "  \"allocatedBytesPerFrame\": %.3f,%n"
            + "  \"allocatedBytesTotal\": %.0f,%n"
            + "  \"listenerEventsHeard\": %d%n"
            + "}%n", EVENTS_PER_FRAME, keys, mixed, unbound, ALLOC_FRAMES, alloc[0], alloc[1], heard);
        Files.write(outputDir.resolve("input.json"), json.getBytes(StandardCharsets.UTF_8));
        System.out.print(json);
    }

    /** Median over rounds after a warm-up round; each round ticks once every EVENTS_PER_FRAME events. */
    private static double eventsPerSecond(Runnable frameOfEvents) {
        int frames = EVENTS_PER_ROUND / EVENTS_PER_FRAME;
        for (int i = 0; i < frames; i++) {
            frameOfEvents.run();
        }
        double[] rates = new double[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            long start = System.nanoTime();
            for (int i = 0; i < frames; i++) {
                frameOfEvents.run();
            }
            rates[r] = EVENTS_PER_ROUND / ((System.nanoTime() - start) / 1e9);
        }
        Arrays.sort(rates);
        return rates[ROUNDS / 2];
    }

    /** Bound keys pressed and released: the common case. */
    private void keyEvents(InputMapper input) {
        for (int i = 0; i < EVENTS_PER_FRAME / 2; i++) {
            int key = (i & 1) == 0 ? Keys.SPACE : Keys.D;
            input.keyDown(key);
            input.keyUp(key);
        }
        input.update();
        sink += input.axis("left", "right");
    }

    /** Keys, mouse, wheel, pad buttons and stick motion mixed, as a busy frame sees them. */
    private void mixedEvents(InputMapper input, GamepadInput pads) {
        for (int i = 0; i < EVENTS_PER_FRAME / 10; i++) {
            input.keyDown(Keys.W);
            input.touchDown(0, 0, 0, Buttons.LEFT);
            input.scrolled(0f, 1f);
            pads.buttonDown(pad, 0);
            pads.axisMoved(pad, 0, STICK[i % STICK.length]);
            pads.axisMoved(pad, 1, STICK[(i + 3) % STICK.length]);
            input.keyUp(Keys.W);
            input.touchUp(0, 0, 0, Buttons.LEFT);
            pads.buttonUp(pad, 0);
        }
        input.update();
        sink += input.strength("moveUp") + (input.isPressed("fire") ? 1f : 0f);
    }

    /** Keys nothing is bound to, which the mapper must pass on cheaply. */
    private void unboundEvents(InputMapper input) {
        for (int i = 0; i < EVENTS_PER_FRAME / 2; i++) {
            input.keyDown(Keys.INSERT);
            input.keyUp(Keys.INSERT);
        }
        input.update();
    }

    /** Bytes allocated by the bench thread per steady-state frame of mixed events, tick and queries. */
    private double[] allocationPerFrame(InputMapper input, GamepadInput pads) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        for (int i = 0; i < ALLOC_FRAMES; i++) {
            mixedEvents(input, pads);
        }
        long before = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < ALLOC_FRAMES; i++) {
            mixedEvents(input, pads);
        }
        long total = threads.getThreadAllocatedBytes(thread) - before;
        return new double[] {total / (double) ALLOC_FRAMES, total};
    }

    /** A table the size of a real game's: movement, combat, menu and vehicle actions. */
    private static ActionMap table() {
        ActionMap map = new ActionMap();
        InputContext play = map.context("gameplay", 0)
            .action("left", Binding.key(Keys.A), Binding.key(Keys.LEFT), Binding.padAxis(PadAxes.LEFT_X, -1))
            .action("right", Binding.key(Keys.D), Binding.key(Keys.RIGHT), Binding.padAxis(PadAxes.LEFT_X, 1))
            .action("moveUp", Binding.key(Keys.W), Binding.key(Keys.UP), Binding.padAxis(PadAxes.LEFT_Y, -1))
            .action("moveDown", Binding.key(Keys.S), Binding.key(Keys.DOWN), Binding.padAxis(PadAxes.LEFT_Y, 1))
            .action("jump", Binding.key(Keys.SPACE), Binding.padButton(PadButtons.A))
            .action("fire", Binding.mouse(Buttons.LEFT), Binding.padButton(PadButtons.R1))
            .action("nextWeapon", Binding.wheel(Binding.WHEEL_DOWN), Binding.padButton(PadButtons.DPAD_RIGHT));
        for (int i = 0; i < 23; i++) {
            play.action("skill" + i, Binding.key(i < 12 ? Keys.F1 + i : Keys.NUMPAD_0 + i - 12));
        }
        map.context("menu", 10)
            .action("confirm", Binding.key(Keys.ENTER), Binding.padButton(PadButtons.A))
            .action("cancel", Binding.key(Keys.ESCAPE), Binding.padButton(PadButtons.B))
            .action("menuUp", Binding.key(Keys.UP))
            .action("menuDown", Binding.key(Keys.DOWN));
        map.context("vehicle", 5)
            .action("accelerate", Binding.key(Keys.W), Binding.padAxis(PadAxes.raw(5), 1))
            .action("brake", Binding.key(Keys.S), Binding.padAxis(PadAxes.raw(4), 1))
            .action("steerLeft", Binding.key(Keys.A))
            .action("steerRight", Binding.key(Keys.D))
            .action("horn", Binding.key(Keys.H))
            .action("exit", Binding.key(Keys.E));
        return map;
    }
}
