package dev.gampplanner.agent.context.retrieval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.gampplanner.agent.context.knowledge.Passage;

/**
 * Cosine similarity between MiniLM sentence embeddings. The passages' vectors were computed when the
 * agent was built ({@link PassageVectors}). Requirements are embedded one text at a time, so a vector
 * depends on its text alone (never on what else shared a batch), and recent ones are kept: embedding is
 * the agent's dominant cost, and the same requirement text recurs whenever a URS is resubmitted.
 */
final class SemanticIndex {

    /** Similarities are compared at this precision so float noise in the model cannot reorder a ranking. */
    private static final double PRECISION = 1e6;
    private final MiniLm model = new MiniLm();
    private final List<Passage> passages;
    private final float[][] passageVectors;
    private final int recentTexts;
    private final Map<String, float[]> recent;

    /** @param recentTexts requirement embeddings kept, about 1.5 KB each; 0 keeps none */
    SemanticIndex(List<Passage> passages, PassageVectors vectors, int recentTexts) {
        this.passages = passages;
        this.passageVectors = vectors.vectors();
        this.recentTexts = recentTexts;
        this.recent = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
                return size() > SemanticIndex.this.recentTexts;
            }
        };
    }

    /** For each text, every passage ranked by cosine similarity, best first, ties by passage id. */
    List<List<ScoredPassage>> rank(List<String> texts) {
        float[][] queries = embed(texts);
        List<List<ScoredPassage>> rankings = new ArrayList<>(texts.size());
        for (float[] query : queries) {
            List<ScoredPassage> ranking = new ArrayList<>(passageVectors.length);
            for (int ordinal = 0; ordinal < passageVectors.length; ordinal++) {
                ranking.add(new ScoredPassage(ordinal, Math.round(MiniLm.dot(query, passageVectors[ordinal]) * PRECISION) / PRECISION));
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
                vector = model.embed(text);
                if (recentTexts > 0) {
                    synchronized (recent) {
                        recent.put(text, vector);
                    }
                }
            }
            vectors[i] = vector;
        }
        return vectors;
    }
}
