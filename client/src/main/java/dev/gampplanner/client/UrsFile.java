package dev.gampplanner.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** A URS document to plan: its name (the PlanRequest's source) and its text. */
public record UrsFile(String name, String text) {

    private static final String BUNDLED = "examples/urs/";

    /**
     * The documents named on the command line: files as given, directories as every {@code .md}
     * in them (sorted), and the bundled examples when nothing is named.
     *
     * @throws IllegalArgumentException saying which path is missing, unreadable or not UTF-8 text
     */
    public static List<UrsFile> resolve(List<Path> paths) {
        if (paths == null || paths.isEmpty()) {
            return bundledExamples();
        }
        List<UrsFile> files = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                List<Path> markdown;
                try (Stream<Path> listing = Files.list(path)) {
                    markdown = listing.filter(p -> p.getFileName().toString().endsWith(".md"))
                        .filter(p -> !p.getFileName().toString().equalsIgnoreCase("README.md")).sorted().toList();
                } catch (IOException e) {
                    throw new IllegalArgumentException("cannot list directory " + path + ": " + e.getMessage(), e);
                }
                if (markdown.isEmpty()) {
                    throw new IllegalArgumentException("directory " + path + " holds no .md file");
                }
                markdown.forEach(p -> files.add(read(p)));
            } else if (Files.isRegularFile(path)) {
                files.add(read(path));
            } else {
                throw new IllegalArgumentException("no such file or directory: " + path);
            }
        }
        return files;
    }

    public static UrsFile read(Path path) {
        try {
            byte[] bytes = Files.readAllBytes(path);
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            return new UrsFile(path.getFileName().toString(), text);
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(path + " is not UTF-8 text", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    /** The 25 example URS documents shipped inside the command, listed by their manifest. */
    public static List<UrsFile> bundledExamples() {
        List<UrsFile> files = new ArrayList<>();
        for (String line : resource("manifest.csv").split("\n")) {
            String id = line.split(",", 2)[0].strip();
            if (id.matches("URS-\\d+")) {
                files.add(new UrsFile(id + ".md", resource(id + ".md")));
            }
        }
        return files;
    }

    /** The bundled examples' manifest: id, expected GAMP category, title. */
    public static String bundledManifest() {
        return resource("manifest.csv");
    }

    /** The bundled examples' protocol checks: what a reviewer expects of the plan for chosen requirements. */
    public static String bundledProtocolChecks() {
        return resource("protocol-checks.csv");
    }

    private static String resource(String name) {
        try (InputStream in = UrsFile.class.getClassLoader().getResourceAsStream(BUNDLED + name)) {
            if (in == null) {
                throw new IllegalStateException("bundled example " + name + " is missing; rebuild the command");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
