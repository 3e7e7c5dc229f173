package dev.gampplanner.agent.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.gampplanner.agent.context.knowledge.KnowledgeBase;

/** The knowledge-base version follows the bytes of the knowledge files, and nothing else. */
class KnowledgeVersionTest {

    private static final List<String> FILES = List.of(
        "knowledge/passages/part11.yaml",
        "knowledge/passages/annex11.yaml",
        "knowledge/passages/alcoa-plus.yaml",
        "knowledge/passages/gamp5-guidance.yaml",
        "knowledge/fda-part11-scope-guidance-2003.md");

    @Test
    void sameBytesGiveTheSameVersionAndOneChangedByteANewOne(@TempDir Path temp) throws Exception {
        Path copy = copyOfKnowledge(temp.resolve("copy"));
        Path edited = copyOfKnowledge(temp.resolve("edited"));
        Path part11 = edited.resolve("knowledge/passages/part11.yaml");
        Files.writeString(part11, Files.readString(part11).replace("Limiting system access to authorized individuals.",
            "Limiting system access to authorised individuals."));

        String shipped = KnowledgeBase.load().version();
        String copied = versionFrom(copy);
        String changed = versionFrom(edited);

        assertThat(copied).isEqualTo(shipped);
        assertThat(changed).isNotEqualTo(shipped).startsWith(KnowledgeBase.DECLARED_VERSION + "+");
    }

    /** Loads the knowledge base through a class loader that sees {@code root} instead of the class path's knowledge. */
    private static String versionFrom(Path root) throws Exception {
        URL testClasses = KnowledgeAnchor.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {root.toUri().toURL(), testClasses},
                ClassLoader.getPlatformClassLoader())) {
            Class<?> anchor = Class.forName(KnowledgeAnchor.class.getName(), false, loader);
            assertThat(anchor.getClassLoader()).isSameAs(loader);
            return KnowledgeBase.load(anchor).version();
        }
    }

    private static Path copyOfKnowledge(Path root) throws IOException {
        for (String file : FILES) {
            Path target = root.resolve(file);
            Files.createDirectories(target.getParent());
            try (InputStream in = KnowledgeVersionTest.class.getClassLoader().getResourceAsStream(file)) {
                assertThat(in).as(file).isNotNull();
                Files.write(target, in.readAllBytes());
            }
        }
        assertThat(Files.readString(root.resolve(FILES.get(0)), StandardCharsets.UTF_8)).contains("passages:");
        return root;
    }
}
