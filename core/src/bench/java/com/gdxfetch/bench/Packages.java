package com.gdxfetch.bench;

import java.io.File;
import java.io.IOException;

/** Finds the native tools the benchmarks drive, installing their Debian packages when missing. */
final class Packages {
    private Packages() {
    }

    /**
     * The path of {@code command}, running {@code apt-get install -y pkg} first when it is not on
     * the PATH or in /usr/sbin.
     *
     * @throws IOException if it is still missing afterwards
     */
    static String require(String command, String pkg) throws IOException, InterruptedException {
        String found = find(command);
        if (found != null) {
            return found;
        }
        System.out.println("[bench] " + command + " is missing; installing Debian package " + pkg);
        int status = run("apt-get", "install", "-y", "-q", pkg);
        if (status != 0 || find(command) == null) {
            // A fresh machine may have no package lists yet.
            run("apt-get", "update", "-q");
            run("apt-get", "install", "-y", "-q", pkg);
        }
        found = find(command);
        if (found == null) {
            throw new IOException(command + " is not installed and `apt-get install -y " + pkg
                    + "` did not provide it; install it and run the benchmarks again");
        }
        return found;
    }

    private static String find(String command) {
        String path = System.getenv("PATH");
        String dirs = (path == null ? "" : path) + File.pathSeparator + "/usr/sbin" + File.pathSeparator + "/sbin";
        for (String dir : dirs.split(File.pathSeparator)) {
            File candidate = new File(dir, command);
            if (!dir.isEmpty() && candidate.canExecute()) {
                return candidate.getAbsolutePath();
            }
        }
        return null;
    }

    private static int run(String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
        return builder.start().waitFor();
    }
}
