package com.gdxfetch.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class WithoutControllersTest {
    @Test
    void keyboardAndMouseWorkWhenGdxControllersIsNotOnTheClasspath() throws Exception {
        try (URLClassLoader loader = new URLClassLoader(classpathWithoutControllers(), ClassLoader.getPlatformClassLoader())) {
            assertThrows(ClassNotFoundException.class,
                () -> Class.forName("com.badlogic.gdx.controllers.ControllerListener", true, loader));
            @SuppressWarnings("unchecked")
            Supplier<String> scenario = (Supplier<String>) Class.forName(KeyboardScenario.class.getName(), true, loader)
                .getDeclaredConstructor().newInstance();
            assertEquals("+shoot +jump -jump +right, axis 1.0", scenario.get());
        }
    }

    private static URL[] classpathWithoutControllers() throws Exception {
        List<URL> urls = new ArrayList<>();
        boolean dropped = false;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.contains("gdx-controllers")) {
                dropped = true;
            } else {
                urls.add(new File(entry).toURI().toURL());
            }
        }
        assertTrue(dropped, "gdx-controllers should be on the test classpath to begin with");
        return urls.toArray(new URL[0]);
    }

    /** Runs inside the loader without gdx-controllers: keys and mouse through a frame. */
    public static final class KeyboardScenario implements Supplier<String> {
        @Override
        public String get() {
            InputMapper input = Fixtures.playing();
            Fixtures.EventLog log = new Fixtures.EventLog();
            input.addListener(log);
            input.touchDown(0, 0, 0, com.badlogic.gdx.Input.Buttons.LEFT);
            input.keyDown(com.badlogic.gdx.Input.Keys.SPACE);
            input.keyUp(com.badlogic.gdx.Input.Keys.SPACE);
            input.keyDown(com.badlogic.gdx.Input.Keys.D);
            input.update();
            return String.join(" ", log.events) + ", axis " + input.axis("left", "right");
        }
    }
}
