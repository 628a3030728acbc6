package com.gdxfetch.portability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.badlogic.gdx.Gdx;
import com.gdxfetch.image.internal.ImagePaths;
import com.gdxfetch.net.Decoders;
import com.gdxfetch.net.FetchHandle;
import com.gdxfetch.net.FetchManager;
import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * gdx-freetype and gdx-controllers are optional ({@code provided}): with only core and gdx on the
 * classpath, every class of core but the gamepad listener loads and initialises (the text cache's
 * FreeType source included: it names FreeType only in code that runs when a font file is asked
 * for), and requests and image paths work.
 */
class OptionalLibrariesTest {
    /** A gdx-controllers ControllerListener that a game registers itself, so it cannot load without it. */
    static final String NEEDS_CONTROLLERS = "com.gdxfetch.input.GamepadInput";

    @Test
    void coreLoadsAndFetchesWithOnlyGdxBesideIt() throws Exception {
        File core = ClassFiles.locationOf(FetchManager.class);
        try (URLClassLoader loader = coreAndGdxOnly()) {
            assertThrows(ClassNotFoundException.class,
                () -> Class.forName("com.badlogic.gdx.graphics.g2d.freetype.FreeTypeFontGenerator", false, loader));
            assertThrows(ClassNotFoundException.class,
                () -> Class.forName("com.badlogic.gdx.controllers.Controllers", false, loader));

            Map<String, String> failed = new LinkedHashMap<>();
            for (File classFile : ClassFiles.under(core)) {
                String name = ClassFiles.nameOf(core, classFile);
                try {
                    Class.forName(name, true, loader);
                } catch (LinkageError | ClassNotFoundException e) {
                    failed.put(name, e.toString());
                }
            }
            assertEquals(Map.of(NEEDS_CONTROLLERS,
                    "java.lang.NoClassDefFoundError: com/badlogic/gdx/controllers/ControllerListener"), failed,
                "only GamepadInput, which a game creates itself to use gdx-controllers, may need it");

            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/hello", exchange -> {
                byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            try {
                @SuppressWarnings("unchecked")
                Function<String, String> scenario = (Function<String, String>) Class
                    .forName(FetchScenario.class.getName(), true, loader).getDeclaredConstructor().newInstance();
                assertEquals("hello sprites/hero/idle.png",
                    scenario.apply("http://127.0.0.1:" + server.getAddress().getPort() + "/hello"));
            } finally {
                server.stop(0);
            }
        }
    }

    /** core's classes, gdx's jar and this test's classes (for the scenario) over the JDK: nothing else. */
    private static URLClassLoader coreAndGdxOnly() throws IOException {
        URL[] urls = {
            ClassFiles.locationOf(FetchManager.class).toURI().toURL(),
            ClassFiles.locationOf(Gdx.class).toURI().toURL(),
            ClassFiles.locationOf(FetchScenario.class).toURI().toURL(),
        };
        assertTrue(urls[1].getPath().contains("/gdx-") && !urls[1].getPath().contains("freetype"), urls[1].toString());
        return new URLClassLoader(urls, ClassLoader.getPlatformClassLoader());
    }

    /** Runs inside the loader without the optional libraries: one GET driven by update(), one path. */
    public static final class FetchScenario implements Function<String, String> {
        @Override
        public String apply(String url) {
            FetchManager fetch = new FetchManager();
            try {
                FetchHandle<String> hello = fetch.get(url).send(Decoders.text(), null);
                long deadline = System.nanoTime() + 30_000_000_000L;
                while (!hello.isDone() && System.nanoTime() - deadline < 0) {
                    fetch.update();
                    LockSupport.parkNanos(1_000_000);
                }
                String result = hello.isSuccess() ? hello.result() : "not fetched: " + hello.state() + " " + hello.failure();
                return result + " " + ImagePaths.normalise("sprites\\hero//idle.png");
            } finally {
                fetch.dispose();
            }
        }
    }
}
