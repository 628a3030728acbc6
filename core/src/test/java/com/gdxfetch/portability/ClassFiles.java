package com.gdxfetch.portability;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Compiled classes read as files: where they are, and the strings in their constant pools. */
final class ClassFiles {
    private ClassFiles() {
    }

    /** The directory or jar {@code type} was loaded from, such as core's target/classes. */
    static File locationOf(Class<?> type) {
        try {
            return new File(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every .class file under {@code root}, sorted by path. */
    static List<File> under(File root) {
        List<File> classes = new ArrayList<>();
        collect(root, classes);
        Collections.sort(classes);
        return classes;
    }

    /** The binary name of {@code classFile} under {@code root}, such as com.gdxfetch.net.Transports. */
    static String nameOf(File root, File classFile) {
        String relative = root.toURI().relativize(classFile.toURI()).getPath();
        return relative.substring(0, relative.length() - ".class".length()).replace('/', '.');
    }

    /**
     * Every UTF-8 constant of {@code classFile}: the names and descriptors of every class, field and
     * method it references, and its string literals (so also a class named for reflection).
     */
    static Set<String> constants(File classFile) throws IOException {
        Set<String> strings = new LinkedHashSet<>();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(new FileInputStream(classFile)))) {
            if (in.readInt() != 0xCAFEBABE) {
                throw new IOException("not a class file: " + classFile);
            }
            in.readUnsignedShort();
            in.readUnsignedShort();
            int count = in.readUnsignedShort();
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1: // Utf8
                        strings.add(in.readUTF());
                        break;
                    case 5: // Long
                    case 6: // Double: two slots
                        in.skipBytes(8);
                        i++;
                        break;
                    case 7: // Class
                    case 8: // String
                    case 16: // MethodType
                    case 19: // Module
                    case 20: // Package
                        in.skipBytes(2);
                        break;
                    case 15: // MethodHandle
                        in.skipBytes(3);
                        break;
                    case 3: // Integer
                    case 4: // Float
                    case 9: // Fieldref
                    case 10: // Methodref
                    case 11: // InterfaceMethodref
                    case 12: // NameAndType
                    case 17: // Dynamic
                    case 18: // InvokeDynamic
                        in.skipBytes(4);
                        break;
                    default:
                        throw new IOException("unknown constant pool tag " + tag + " at entry " + i + " of " + classFile);
                }
            }
        }
        return strings;
    }

    /** The constants of {@code classFile} that mention any of {@code packages} (slash or dot form). */
    static List<String> mentions(File classFile, List<String> packages) throws IOException {
        List<String> found = new ArrayList<>();
        for (String constant : constants(classFile)) {
            for (String pkg : packages) {
                if (constant.contains(pkg.replace('.', '/')) || constant.contains(pkg)) {
                    found.add(constant);
                    break;
                }
            }
        }
        return found;
    }

    private static void collect(File dir, List<File> into) {
        File[] files = dir.listFiles();
        if (files == null) {
            return;
        }
        for (File f : files) {
            if (f.isDirectory()) {
                collect(f, into);
            } else if (f.getName().endsWith(".class")) {
                into.add(f);
            }
        }
    }
}
