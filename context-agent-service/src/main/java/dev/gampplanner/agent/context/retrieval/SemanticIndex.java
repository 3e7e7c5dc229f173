package dev.gampplanner.agent.context.retrieval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.gampplanner.agent.context.knowledge.Passage;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

/**
 * Cosine similarity between MiniLM sentence embeddings (in-process ONNX, no network). Passages are
 * embedded once at start-up. Requirements are embedded one text at a time, so a vector depends on
 * its text alone (never on what else shared a batch), and recent ones are kept: embedding is the
 * agent's dominant cost, and the same requirement text recurs whenever a URS is resubmitted.
 */
final class SemanticIndex {

    /** Similarities are compared at this precision so float noise in the model cannot reorder a ranking. */
    private static final double PRECISION = 1e6;
    /** About 1.5 KB per text: a few MB for the requirements of the last few hundred documents. */
    private static final int RECENT_TEXTS = 4096;

    // Runs on the calling thread, so each worker embeds its own request; the model (an ONNX session and a
    // native tokenizer) is safe for concurrent use, which is how its default thread pool uses it too.
    private final EmbeddingModel model = new AllMiniLmL6V2QuantizedEmbeddingModel(Runnable::run);
    private final List<Passage> passages;
    private final float[][] passageVectors;
    private final Map<String, float[]> recent = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
            return size() > RECENT_TEXTS;
        }
    };

    SemanticIndex(List<Passage> passages) {
        this.passages = passages;
        this.passageVectors = embed(passages.stream().map(p -> p.title() + ". " + p.text()).toList());
    }

    /** For each text, every passage ranked by cosine similarity, best first, ties by passage id. */
    List<List<ScoredPassage>> rank(List<String> texts) {
        float[][] queries = embed(texts);
        List<List<ScoredPassage>> rankings = new ArrayList<>(texts.size());
        for (float[] query : queries) {
            List<ScoredPassage> ranking = new ArrayList<>(passageVectors.length);
            for (int ordinal = 0; ordinal < passageVectors.length; ordinal++) {
                ranking.add(new ScoredPassage(ordinal, Math.round(dot(query, passageVectors[ordinal]) * PRECISION) / PRECISION));
            }
            ranking.sort(Comparator.comparingDouble(ScoredPassage::score).reversed()
                .thenComparing(hit -> passages.get(hit.ordinal()).id()));
            rankings.add(List.copyOf(ranking));
        }
        return rankings;
    }

    private float[][] embed(List<String> texts) {
        float[][] vectors = new float[texts.size()][];
        for (int i = 0; i < vectors.length; i++) {
            String text = texts.get(i);
            float[] vector;
            synchronized (recent) {
                vector = recent.get(text);
            }
            if (vector == null) {
                vector = unit(model.embed(TextSegment.from(text)).content().vector());
                synchronized (recent) {
                    recent.put(text, vector);
                }
            }
            vectors[i] = vector;
        }
        return vectors;
    }

    private static float[] unit(float[] vector) {
        double norm = Math.sqrt(dot(vector, vector));
        float[] unit = new float[vector.length];
        for (int i = 0; i < vector.length; i++) {
            unit[i] = (float) (vector[i] / norm);
        }
        return unit;
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }
}
