package com.gdxfetch.bench;

import java.nio.file.Path;

/** One benchmark family; writes one JSON file into the output folder. */
public interface BenchSuite {
    /** Short name, also the JSON file's base name (for example {@code "update"}). */
    String name();

    /** Runs the measurements and writes {@code name() + ".json"} into {@code outputDir}. */
    void run(Path outputDir) throws Exception;
}
