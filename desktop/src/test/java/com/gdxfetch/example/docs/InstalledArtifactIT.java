package com.gdxfetch.example.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A newcomer's first minutes, as the README tells them: gdx-fetch installed into a Maven
 * repository, a game project of their own that depends on it, and the README's first example
 * pasted in. The consumer is a separate Maven build in a temporary folder, outside this reactor.
 * Its local repository is a temporary one: core's jar (the one this reactor packaged) and its
 * POMs are put there by {@code install:install-file}, and everything else comes from the user's
 * {@code ~/.m2} read as a file repository, or from Maven Central when it is not there. Nothing is
 * written to {@code ~/.m2}. The example runs against a loopback server, its frame loop driven
 * by a small main that is not part of the README.
 */
class InstalledArtifactIT {
    private static final Pattern FIRST_JAVA_BLOCK = Pattern.compile("(?s)```java\\n(.*?)```");
    private static final Pattern PUBLIC_CLASS = Pattern.compile("(?m)^public class (\\w+)");
    private static final Pattern CORE_JAR = Pattern.compile("gdx-fetch-(\\d[^/\\\\]*?)\\.jar");
    private static final String GREETING = "hello from the loopback server";
    private static final long MAVEN_TIMEOUT_SECONDS = 180;

    @TempDir
    Path work;

    @Test
    void readmeFirstExampleCompilesAgainstTheInstalledArtifactAndFetchesFromALoopbackServer() throws Exception {
        Path repository = Path.of("").toAbsolutePath().getParent();
        Path coreJar = packagedCoreJar();
        Matcher version = CORE_JAR.matcher(coreJar.getFileName().toString());
        assertTrue(version.matches(), coreJar.toString());

        String readme = Files.readString(repository.resolve("README.md"));
        Matcher block = FIRST_JAVA_BLOCK.matcher(readme);
        assertTrue(block.find(), "README.md has no java block");
        String example = block.group(1);
        Matcher exampleClass = PUBLIC_CLASS.matcher(example);
        assertTrue(exampleClass.find(), "the README's first java block declares no public class:\n" + example);

        Path localRepo = work.resolve("repository");
        Path settings = writeSettings(localRepo);
        Path installer = work.resolve("installer");
        Files.createDirectories(installer);
        Files.writeString(installer.resolve("pom.xml"), installerPom(repository, coreJar));
        maven(installer, settings, localRepo, "validate");

        Path consumer = work.resolve("consumer");
        Path sources = consumer.resolve("src/main/java");
        Files.createDirectories(sources);
        Files.writeString(consumer.resolve("pom.xml"), consumerPom(version.group(1)));
        Files.writeString(sources.resolve(exampleClass.group(1) + ".java"), example);
        Files.writeString(sources.resolve("RunFrames.java"), frameLoop(exampleClass.group(1)));
        maven(consumer, settings, localRepo, "compile", "dependency:build-classpath",
                "-Dmdep.outputFile=" + consumer.resolve("classpath.txt"));

        String classpath = consumer.resolve("target/classes") + File.pathSeparator
                + Files.readString(consumer.resolve("classpath.txt")).trim();
        assertTrue(classpath.contains(localRepo.resolve("com/gdxfetch/gdx-fetch").toString()),
                "the consumer must resolve gdx-fetch from its own local repository: " + classpath);

        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/motd", exchange -> {
            byte[] body = GREETING.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/motd";
            String output = run(consumer, javaExecutable(), "-cp", classpath, "RunFrames", url);
            assertTrue(output.contains("message: " + GREETING), output);
        } finally {
            server.stop(0);
        }
    }

    /**
     * The jar the reactor packaged for core, as Maven put it on this module's classpath. This is
     * an integration test (failsafe, after {@code package}), so the jar is always there.
     */
    private static Path packagedCoreJar() {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        for (String entry : classpath.split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (CORE_JAR.matcher(path.getFileName().toString()).matches()) return path;
        }
        throw new AssertionError("core's packaged jar is not on the classpath; run it through `mvn -B verify`: "
                + classpath);
    }

    /** The user's ~/.m2 as a read-only remote repository in front of Maven Central. */
    private static Path writeSettings(Path localRepo) throws IOException {
        Path home = Path.of(System.getProperty("user.home"), ".m2", "repository");
        String repo = "<id>user-m2</id><url>" + home.toUri() + "</url>"
                + "<releases><enabled>true</enabled></releases><snapshots><enabled>false</enabled></snapshots>";
        String settings = "<settings>\n"
                + "  <localRepository>" + localRepo + "</localRepository>\n"
                + "  <profiles><profile><id>user-m2</id>\n"
                + "    <repositories><repository>" + repo + "</repository></repositories>\n"
                + "    <pluginRepositories><pluginRepository>" + repo + "</pluginRepository></pluginRepositories>\n"
                + "  </profile></profiles>\n"
                + "  <activeProfiles><activeProfile>user-m2</activeProfile></activeProfiles>\n"
                + "</settings>\n";
        Path file = localRepo.getParent().resolve("settings.xml");
        Files.writeString(file, settings);
        return file;
    }

    /** `mvn install:install-file` of the parent POM and of core's jar with its POM, in one build. */
    private static String installerPom(Path repository, Path coreJar) {
        return "<project xmlns=\"http://maven.apache.org/POM/4.0.0\">\n"
                + "  <modelVersion>4.0.0</modelVersion>\n"
                + "  <groupId>consumer.test</groupId><artifactId>installer</artifactId><version>1</version>\n"
                + "  <packaging>pom</packaging>\n"
                + "  <build><plugins><plugin>\n"
                + "    <groupId>org.apache.maven.plugins</groupId><artifactId>maven-install-plugin</artifactId>\n"
                + "    <version>3.1.3</version>\n"
                + "    <executions>\n"
                + installFile("parent", repository.resolve("pom.xml"), repository.resolve("pom.xml"))
                + installFile("core", coreJar, repository.resolve("core/pom.xml"))
                + "    </executions>\n"
                + "  </plugin></plugins></build>\n"
                + "</project>\n";
    }

    private static String installFile(String id, Path file, Path pom) {
        return "      <execution><id>" + id + "</id><phase>validate</phase><goals><goal>install-file</goal></goals>\n"
                + "        <configuration><file>" + file + "</file><pomFile>" + pom + "</pomFile></configuration>\n"
                + "      </execution>\n";
    }

    /** A game's own build: Java 11, gdx-fetch as its only declared dependency. */
    private static String consumerPom(String version) {
        return "<project xmlns=\"http://maven.apache.org/POM/4.0.0\">\n"
                + "  <modelVersion>4.0.0</modelVersion>\n"
                + "  <groupId>consumer.test</groupId><artifactId>my-game</artifactId><version>1</version>\n"
                + "  <properties>\n"
                + "    <maven.compiler.release>11</maven.compiler.release>\n"
                + "    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>\n"
                + "  </properties>\n"
                + "  <dependencies><dependency>\n"
                + "    <groupId>com.gdxfetch</groupId><artifactId>gdx-fetch</artifactId><version>" + version + "</version>\n"
                + "  </dependency></dependencies>\n"
                + "  <build><plugins>\n"
                + plugin("maven-resources-plugin", "3.3.1")
                + plugin("maven-compiler-plugin", "3.13.0")
                + plugin("maven-dependency-plugin", "3.8.1")
                + "  </plugins></build>\n"
                + "</project>\n";
    }

    private static String plugin(String artifactId, String version) {
        return "    <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>" + artifactId
                + "</artifactId><version>" + version + "</version></plugin>\n";
    }

    /**
     * What a backend does for the example: create(), then render() frame after frame, then
     * dispose(). It relies on what the README's example shows a reader: a constructor taking the
     * URL, and the {@code message} field the HUD draws, which a callback changes.
     */
    private static String frameLoop(String exampleClass) {
        return "public class RunFrames {\n"
                + "    public static void main(String[] args) {\n"
                + "        " + exampleClass + " game = new " + exampleClass + "(args[0]);\n"
                + "        game.create();\n"
                + "        String first = game.message;\n"
                + "        long deadline = System.nanoTime() + 30_000_000_000L;\n"
                + "        while (game.message.equals(first) && System.nanoTime() < deadline) {\n"
                + "            game.render();\n"
                + "        }\n"
                + "        game.dispose();\n"
                + "        System.out.println(\"message: \" + game.message);\n"
                + "    }\n"
                + "}\n";
    }

    private static void maven(Path project, Path settings, Path localRepo, String... goals) throws Exception {
        List<String> command = new ArrayList<>(List.of(mavenExecutable(), "-B", "-q", "-s", settings.toString(),
                "-Dmaven.repo.local=" + localRepo));
        command.addAll(List.of(goals));
        run(project, command.toArray(new String[0]));
    }

    private static String run(Path directory, String... command) throws Exception {
        Path log = Files.createTempFile(directory, "run", ".log");
        Process process = new ProcessBuilder(command).directory(directory.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean exited = process.waitFor(MAVEN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (!exited) process.destroyForcibly().waitFor();
        String output = Files.readString(log);
        assertTrue(exited, String.join(" ", command) + " did not finish in " + MAVEN_TIMEOUT_SECONDS + " s:\n" + output);
        assertEquals(0, process.exitValue(), String.join(" ", command) + " failed:\n" + output);
        return output;
    }

    private static String mavenExecutable() {
        boolean windows = System.getProperty("os.name").startsWith("Windows");
        String name = windows ? "mvn.cmd" : "mvn";
        for (String variable : new String[] {"MAVEN_HOME", "M2_HOME"}) {
            String home = System.getenv(variable);
            if (home != null && Files.isRegularFile(Path.of(home, "bin", name))) return Path.of(home, "bin", name).toString();
        }
        return name;
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command().orElse("java");
    }
}
