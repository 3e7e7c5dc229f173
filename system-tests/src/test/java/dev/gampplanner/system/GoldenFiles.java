package dev.gampplanner.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The golden digests, one set per kind of processor. The context agent's semantic ranking comes from MiniLM in ONNX
 * Runtime, whose kernels depend on the processor's instruction set (with or without AVX-512), so its results and the
 * plans that embed them are reproducible byte for byte only among processors of one kind. The files directly in
 * {@code golden/} are those of the processors the digests were first recorded on (AVX-512); those of another kind
 * live in {@code golden/embeddings-NAME/}. A machine's output must equal one whole set: a defect cannot reproduce
 * another processor's bytes for every example. The set is found by the output itself, because no cheap probe tells
 * the kinds apart (one fixed sentence's vector, tried as a probe, reads the same on both). To record
 * a new kind, create its directory and run the golden tests there with {@code -Dgolden.write=true} and
 * {@code -Dgolden.set=NAME}.
 */
final class GoldenFiles {

    private static final Path DIR = Path.of("src/test/resources/golden");

    private GoldenFiles() {
    }

    /** Where {@code -Dgolden.write=true} records a set: the one {@code -Dgolden.set} names, or the first recorded. */
    static Path toWrite(String name) {
        String set = System.getProperty("golden.set", "");
        return set.isBlank() ? DIR.resolve(name) : DIR.resolve("embeddings-" + set).resolve(name);
    }

    /**
     * The recorded file {@code actual} is to equal, compared by the lines {@code compared} keeps: the set it equals, or
     * else the one it shares most lines with, so that a failure shows the differences that matter.
     */
    static Path matching(String name, List<String> actual, Predicate<String> compared) {
        return sets().map(set -> set.resolve(name)).filter(Files::isRegularFile)
            .max(Comparator.comparingLong(file -> shared(actual, lines(file, compared)))).orElse(DIR.resolve(name));
    }

    static List<String> lines(Path golden, Predicate<String> compared) {
        try {
            return Files.readAllLines(golden, StandardCharsets.UTF_8).stream().filter(compared).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + golden, e);
        }
    }

    /** For an assertion's description: which digests a mismatch was against. */
    static String describe(Path golden) {
        return "the digests in " + golden + " (one of the sets " + sets().map(DIR::relativize).map(Path::toString)
            .map(set -> set.isEmpty() ? "golden/" : "golden/" + set + "/").toList() + ")";
    }

    private static long shared(List<String> actual, List<String> recorded) {
        if (actual.equals(recorded)) {
            return Long.MAX_VALUE;
        }
        HashSet<String> lines = new HashSet<>(recorded);
        return actual.stream().filter(lines::contains).count();
    }

    private static Stream<Path> sets() {
        List<Path> sets = new ArrayList<>(List.of(DIR));
        try (Stream<Path> kinds = Files.list(DIR)) {
            kinds.filter(Files::isDirectory).filter(dir -> dir.getFileName().toString().startsWith("embeddings-")).sorted()
                .forEach(sets::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + DIR, e);
        }
        return sets.stream();
    }
}
