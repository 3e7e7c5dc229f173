package dev.gampplanner.agent.context.retrieval;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import dev.gampplanner.agent.context.knowledge.KnowledgeBase;

/**
 * The build step that embeds every passage once ({@code process-classes}, see the module's pom), writing
 * {@value PassageVectors#RESOURCE} under the given classes directory. When the file there already
 * holds vectors of the same passages and model, it is left alone, so an unchanged build costs no embedding.
 */
public final class PassageVectorsGenerator {

    private PassageVectorsGenerator() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: PassageVectorsGenerator CLASSES_DIRECTORY");
        }
        Path target = Path.of(args[0]).resolve(PassageVectors.RESOURCE);
        KnowledgeBase knowledge = KnowledgeBase.load();
        String digest = PassageVectors.digest(knowledge.passages());
        if (Files.exists(target) && digest.equals(storedDigest(target))) {
            System.out.println("passage vectors up to date for knowledge " + knowledge.version() + ": " + target);
            return;
        }
        long start = System.nanoTime();
        PassageVectors vectors = PassageVectors.compute(knowledge, new MiniLm());
        Files.createDirectories(target.getParent());
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        try (OutputStream out = Files.newOutputStream(partial)) {
            vectors.write(out);
        }
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.out.printf("embedded %d passages of knowledge %s in %d ms: %s%n", knowledge.passages().size(),
            knowledge.version(), (System.nanoTime() - start) / 1_000_000, target);
    }

    /** The digest a stored file names, or null when it cannot be read (an older format, a partial write). */
    private static String storedDigest(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return PassageVectors.read(in).digest();
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
    }
}
