package com.gdxfetch.text;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.gdxfetch.testing.GlTestWindow;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.Callable;

/** gdx-freetype is optional: with it hidden, the default font still works and a .ttf says what is missing. */
class TextCacheWithoutFreeTypeTest {
    @Test
    void defaultFontWorksAndTrueTypeAsksForGdxFreetype() throws Exception {
        ClassLoader hidden = new NoFreeTypeLoader(getClass().getClassLoader());
        assertThrows(ClassNotFoundException.class,
                () -> hidden.loadClass("com.badlogic.gdx.graphics.g2d.freetype.FreeTypeFontGenerator"));
        @SuppressWarnings("unchecked")
        Callable<String> probe = (Callable<String>) hidden.loadClass(WithoutFreeTypeProbe.class.getName())
                .getDeclaredConstructor().newInstance();
        String result = GlTestWindow.call(probe);
        assertTrue(result.matches("drew [1-9][0-9]*px; .*"), result);
        assertTrue(result.contains("gdx-freetype") && result.contains("DejaVuSans.ttf"), result);
    }

    /** Loads this project's classes itself, hides gdx-freetype, and leaves the rest to the parent. */
    private static final class NoFreeTypeLoader extends ClassLoader {
        NoFreeTypeLoader(ClassLoader parent) {
            super(parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                if (name.startsWith("com.badlogic.gdx.graphics.g2d.freetype.")) {
                    throw new ClassNotFoundException(name + " (hidden by the test)");
                }
                if (!name.startsWith("com.gdxfetch.")) {
                    return super.loadClass(name, resolve);
                }
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    loaded = define(name);
                }
                if (resolve) {
                    resolveClass(loaded);
                }
                return loaded;
            }
        }

        private Class<?> define(String name) throws ClassNotFoundException {
            try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                if (in == null) {
                    throw new ClassNotFoundException(name);
                }
                byte[] bytes = in.readAllBytes();
                return defineClass(name, bytes, 0, bytes.length);
            } catch (IOException e) {
                throw new ClassNotFoundException(name, e);
            }
        }
    }
}
