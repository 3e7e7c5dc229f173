package dev.gampplanner.agent.context.retrieval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import dev.gampplanner.agent.context.knowledge.Passage;

/**
 * Cosine similarity between MiniLM sentence embeddings. The passages' vectors were computed when the
 * agent was built ({@link PassageVectors}). Requirements are embedded one text at a time, so a vector
 * depends on its text alone (never on what else shared a batch).
 */
final class SemanticIndex {

    /** Similarities are compared at this precision so float noise in the model cannot reorder a ranking. */
    private static final double PRECISION = 1e6;
    private final MiniLm model = new MiniLm();
    private final List<Passage> passages;
    private final float[][] passageVectors;

    SemanticIndex(List<Passage> passages, PassageVectors vectors) {
        this.passages = passages;
        this.passageVectors = vectors.vectors();
    }

    /** For each text, every passage ranked by cosine similarity, best first, ties by passage id. */
    List<List<ScoredPassage>> rank(List<String> texts) {
        List<List<ScoredPassage>> rankings = new ArrayList<>(texts.size());
        for (String text : texts) {
            float[] query = model.embed(text);
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
}
