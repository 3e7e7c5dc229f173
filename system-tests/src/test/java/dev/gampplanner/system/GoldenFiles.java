package dev.gampplanner.system;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.gampplanner.agent.context.retrieval.Retriever;

/**
 * Where the golden digests for this machine are. The context agent's semantic ranking comes from MiniLM in ONNX
 * Runtime, whose kernels depend on the processor's instruction set, so its results (and the plans that embed them)
 * are reproducible byte for byte only among processors whose embeddings agree. Digests recorded on another kind of
 * processor live in {@code golden/embeddings-FINGERPRINT/}, named by {@link Retriever#embeddingsFingerprint()}; the
 * files directly in {@code golden/} are those of the processors the digests were first recorded on. To record a
 * new kind, create its directory and run the golden tests there with {@code -Dgolden.write=true}.
 */
final class GoldenFiles {

    private static final Path DIR = Path.of("src/test/resources/golden");
    private static final String EMBEDDINGS = Retriever.embeddingsFingerprint();

    private GoldenFiles() {
    }

    static Path of(String name) {
        Path own = DIR.resolve("embeddings-" + EMBEDDINGS).resolve(name);
        return Files.isDirectory(own.getParent()) ? own : DIR.resolve(name);
    }

    /** For an assertion's description: which digests a mismatch was against. */
    static String describe(Path golden) {
        return "the digests in " + golden + " (this machine's embeddings " + EMBEDDINGS + ")";
    }
}
