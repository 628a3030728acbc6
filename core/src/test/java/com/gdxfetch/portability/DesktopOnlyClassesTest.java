package com.gdxfetch.portability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.gdxfetch.net.FetchManager;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Core ships to Android and iOS, where these packages do not exist: no compiled class of core may
 * name one, not even as a string for reflection.
 */
class DesktopOnlyClassesTest {
    static final List<String> DESKTOP_ONLY = List.of(
        "org.lwjgl.", "java.awt.", "javax.imageio.", "javax.swing.", "java.lang.management.",
        "com.badlogic.gdx.backends.");

    @Test
    void noClassOfCoreReferencesADesktopOnlyPackage() throws IOException {
        File root = ClassFiles.locationOf(FetchManager.class);
        List<File> classes = ClassFiles.under(root);
        assertTrue(classes.size() > 50, "core's compiled classes should be under " + root);

        Map<String, List<String>> offenders = new LinkedHashMap<>();
        for (File classFile : classes) {
            List<String> found = ClassFiles.mentions(classFile, DESKTOP_ONLY);
            if (!found.isEmpty()) {
                offenders.put(ClassFiles.nameOf(root, classFile), found);
            }
        }
        assertEquals(Map.of(), offenders);
    }

    @Test
    void scanFindsEachKindOfDesktopReference() throws IOException {
        File root = ClassFiles.locationOf(DesktopReferences.class);
        File classFile = new File(root, DesktopReferences.class.getName().replace('.', File.separatorChar) + ".class");

        List<String> found = ClassFiles.mentions(classFile, DESKTOP_ONLY);

        List<String> expected = new ArrayList<>(List.of("Ljava/awt/Point;", "org/lwjgl/glfw/GLFW", "javax.imageio.ImageIO"));
        expected.removeIf(found::contains);
        assertEquals(List.of(), expected, "found only " + found);
    }

    /** A class that names desktop-only classes: by type, by static call, and by name for reflection. */
    static final class DesktopReferences {
        java.awt.Point point;

        long window() {
            return org.lwjgl.glfw.GLFW.glfwGetCurrentContext();
        }

        Class<?> imageIo() throws ClassNotFoundException {
            return Class.forName("javax.imageio.ImageIO");
        }
    }
}
