package dev.gampplanner.agent.context.retrieval;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import dev.gampplanner.agent.context.knowledge.KnowledgeBase;
import dev.gampplanner.agent.context.knowledge.Passage;

/**
 * The passages' MiniLM embeddings, computed when the context agent is built ({@link PassageVectorsGenerator})
 * and read at start-up, so a start does not embed every passage again.
 *
 * <p>The file carries a digest of the model and of every text it embedded: a knowledge edit (or a model
 * upgrade) without a rebuild is refused at start with the reason, never answered with stale vectors.
 */
final class PassageVectors {

    static final String RESOURCE = "knowledge/passage-vectors.bin";
    private static final String FORMAT = "gamp-passage-vectors/1";

    private final String digest;
    private final String knowledgeVersion;
    private final float[][] vectors;

    private PassageVectors(String digest, String knowledgeVersion, float[][] vectors) {
        this.digest = digest;
        this.knowledgeVersion = knowledgeVersion;
        this.vectors = vectors;
    }

    /** Embeds every passage of {@code knowledge}: what the build does once. */
    static PassageVectors compute(KnowledgeBase knowledge, MiniLm model) {
        List<Passage> passages = knowledge.passages();
        float[][] vectors = new float[passages.size()][];
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = model.embed(text(passages.get(i)));
        }
        return new PassageVectors(digest(passages), knowledge.version(), vectors);
    }

    /**
     * The vectors the build stored for {@code knowledge}.
     *
     * @throws IllegalStateException when none are stored, or they were computed from other passages or another model
     */
    static PassageVectors load(ClassLoader loader, KnowledgeBase knowledge) {
        PassageVectors stored;
        try (InputStream in = loader.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path; the context agent's build computes "
                    + "it (mvn package -pl context-agent-service)");
            }
            stored = read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        String expected = digest(knowledge.passages());
        if (!stored.digest.equals(expected) || stored.vectors.length != knowledge.passages().size()) {
            throw new IllegalStateException("refusing stale passage vectors: " + RESOURCE + " was computed for knowledge "
                + stored.knowledgeVersion + " (digest " + stored.digest.substring(0, 12) + "), but this is knowledge "
                + knowledge.version() + " with " + MiniLm.identity() + " (digest " + expected.substring(0, 12)
                + "); rebuild the context agent (mvn package -pl context-agent-service) to recompute them");
        }
        return stored;
    }

    /** Unit vectors, one per passage in the knowledge base's order. */
    float[][] vectors() {
        return vectors;
    }

    String digest() {
        return digest;
    }

    /** What is embedded of a passage: its title gives a short clause the topic its text may only imply. */
    static String text(Passage passage) {
        return passage.title() + ". " + passage.text();
    }

    /** SHA-256 over the model's identity and every embedded text, in order. */
    static String digest(List<Passage> passages) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            update(sha, FORMAT);
            update(sha, MiniLm.identity());
            for (Passage passage : passages) {
                update(sha, passage.id());
                update(sha, text(passage));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }

    void write(OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        data.writeUTF(FORMAT);
        data.writeUTF(digest);
        data.writeUTF(knowledgeVersion);
        data.writeInt(vectors.length);
        data.writeInt(vectors.length == 0 ? 0 : vectors[0].length);
        for (float[] vector : vectors) {
            for (float component : vector) {
                data.writeFloat(component);
            }
        }
        data.flush();
    }

    static PassageVectors read(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        String format = data.readUTF();
        if (!format.equals(FORMAT)) {
            throw new IllegalStateException(RESOURCE + " is in format '" + format + "', expected '" + FORMAT
                + "'; rebuild the context agent (mvn package -pl context-agent-service)");
        }
        String digest = data.readUTF();
        String knowledgeVersion = data.readUTF();
        float[][] vectors = new float[data.readInt()][data.readInt()];
        for (float[] vector : vectors) {
            for (int i = 0; i < vector.length; i++) {
                vector[i] = data.readFloat();
            }
        }
        return new PassageVectors(digest, knowledgeVersion, vectors);
    }

    private static void update(MessageDigest sha, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        // Length-prefixed, so no two different lists of texts can feed the digest the same bytes.
        sha.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
        sha.update(bytes);
    }
}
