package dev.gampplanner.agent.context.retrieval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.gampplanner.agent.context.knowledge.KnowledgeBase;
import dev.gampplanner.agent.context.knowledge.Passage;

/**
 * Finds the regulatory passages that apply to a requirement.
 *
 * <p>BM25 ranks passages by shared (analysed) words; with the semantic leg, MiniLM ranks them by
 * embedding similarity, and the two rankings are fused by reciprocal rank (k = 60), so a passage
 * both legs rank high outranks one only a single leg found, and neither leg's score scale has to be
 * calibrated against the other's.
 *
 * <p>Only embedding similarity has an absolute scale, so only it can say that nothing applies: a
 * requirement whose nearest passage is below {@link #TOPIC_FLOOR} (a response time, a throughput)
 * gets no clauses rather than the least-bad ones. BM25 alone cannot tell, so without the semantic
 * leg every requirement that shares a word with a passage is traced.
 *
 * <p>What a text retrieves depends on that text alone (each is embedded and searched on its own), so the
 * passages of recent texts are kept: embedding and searching are the agent's dominant cost, and the same
 * requirement text recurs whenever a URS is resubmitted.
 */
public final class Retriever {

    public static final int MAX_CLAUSES = 3;
    /**
     * Cosine similarity below which a requirement is about something no passage addresses. Chosen on
     * the labelled set as the highest floor before recall@3 drops further (0.649 there, 0.662 with no
     * floor, 0.635 at 0.37); at it, 46% of the examples' performance requirements (response times,
     * throughput, concurrent users) get no clauses instead of coincidental ones.
     */
    static final double TOPIC_FLOOR = 0.35;
    private static final int RRF_K = 60;
    /** Requirement texts whose passages are kept unless GAMP_CONTEXT_EMBEDDING_CACHE_SIZE says otherwise. */
    public static final int DEFAULT_EMBEDDING_CACHE = 4096;
    /** How deep each leg's ranking is read; a passage ranked lower adds under 1/80 to the fused score. */
    private static final int CANDIDATE_DEPTH = 20;

    private final List<Passage> passages;
    private final RetrievalMethod method;
    private final LexicalIndex lexical;
    private final SemanticIndex semantic;
    private final int recentTexts;
    private final Map<String, List<ClauseHit>> recent;

    private Retriever(KnowledgeBase knowledge, RetrievalMethod method, int embeddingCacheSize) {
        this.passages = knowledge.passages();
        this.method = method;
        this.lexical = new LexicalIndex(this.passages);
        this.semantic = method == RetrievalMethod.HYBRID
            ? new SemanticIndex(this.passages, PassageVectors.load(Retriever.class.getClassLoader(), knowledge))
            : null;
        this.recentTexts = embeddingCacheSize;
        this.recent = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, List<ClauseHit>> eldest) {
                return size() > recentTexts;
            }
        };
    }

    /**
     * Indexes the passages (and, for the hybrid, loads their vectors computed at build time); the result is
     * safe to share between threads.
     *
     * @throws IllegalStateException when the stored vectors are missing or were computed from other passages
     */
    public static Retriever build(KnowledgeBase knowledge, RetrievalMethod method) {
        return new Retriever(knowledge, method, DEFAULT_EMBEDDING_CACHE);
    }

    /** As {@link #build(KnowledgeBase, RetrievalMethod)}, keeping the passages of {@code embeddingCacheSize} requirement texts. */
    public static Retriever build(KnowledgeBase knowledge, RetrievalMethod method, int embeddingCacheSize) {
        return new Retriever(knowledge, method, embeddingCacheSize);
    }

    public RetrievalMethod method() {
        return method;
    }

    public int passagesIndexed() {
        return passages.size();
    }

    /** For each text, at most {@link #MAX_CLAUSES} passages, best first; none when nothing applies. */
    public List<List<ClauseHit>> retrieve(List<String> texts) {
        List<List<ClauseHit>> results = new ArrayList<>(Collections.nCopies(texts.size(), null));
        List<Integer> unknown = new ArrayList<>();
        synchronized (recent) {
            for (int i = 0; i < texts.size(); i++) {
                results.set(i, recent.get(texts.get(i)));
                if (results.get(i) == null) {
                    unknown.add(i);
                }
            }
        }
        List<List<ClauseHit>> retrieved = retrieveEach(unknown.stream().map(texts::get).toList());
        for (int k = 0; k < unknown.size(); k++) {
            results.set(unknown.get(k), retrieved.get(k));
        }
        if (recentTexts > 0) {
            synchronized (recent) {
                unknown.forEach(i -> recent.put(texts.get(i), results.get(i)));
            }
        }
        return results;
    }

    private List<List<ClauseHit>> retrieveEach(List<String> texts) {
        List<List<ScoredPassage>> semanticRankings = semantic == null ? null : semantic.rank(texts);
        List<List<ClauseHit>> results = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            List<ScoredPassage> lexicalRanking = byScoreThenId(lexical.search(texts.get(i), CANDIDATE_DEPTH));
            if (semanticRankings == null) {
                results.add(lexicalOnly(lexicalRanking));
            } else {
                List<ScoredPassage> semanticRanking = semanticRankings.get(i);
                boolean onTopic = !semanticRanking.isEmpty() && semanticRanking.get(0).score() >= TOPIC_FLOOR;
                results.add(onTopic ? fused(lexicalRanking, semanticRanking.subList(0, Math.min(CANDIDATE_DEPTH, semanticRanking.size())))
                    : List.of());
            }
        }
        return results;
    }

    private List<ClauseHit> lexicalOnly(List<ScoredPassage> ranking) {
        List<ClauseHit> hits = new ArrayList<>(MAX_CLAUSES);
        for (int i = 0; i < Math.min(MAX_CLAUSES, ranking.size()); i++) {
            ScoredPassage hit = ranking.get(i);
            hits.add(new ClauseHit(passages.get(hit.ordinal()), hit.score(), i + 1, null));
        }
        return List.copyOf(hits);
    }

    private List<ClauseHit> fused(List<ScoredPassage> lexicalRanking, List<ScoredPassage> semanticRanking) {
        Map<Integer, Integer> lexicalRanks = ranks(lexicalRanking);
        Map<Integer, Integer> semanticRanks = ranks(semanticRanking);
        Map<Integer, Double> fused = new HashMap<>();
        lexicalRanks.forEach((ordinal, rank) -> fused.merge(ordinal, 1.0 / (RRF_K + rank), Double::sum));
        semanticRanks.forEach((ordinal, rank) -> fused.merge(ordinal, 1.0 / (RRF_K + rank), Double::sum));
        return fused.entrySet().stream()
            .sorted(Map.Entry.<Integer, Double>comparingByValue().reversed().thenComparing(entry -> id(entry.getKey())))
            .limit(MAX_CLAUSES)
            .map(entry -> new ClauseHit(passages.get(entry.getKey()), entry.getValue(),
                lexicalRanks.get(entry.getKey()), semanticRanks.get(entry.getKey())))
            .toList();
    }

    private List<ScoredPassage> byScoreThenId(List<ScoredPassage> ranking) {
        return ranking.stream()
            .sorted(Comparator.comparingDouble(ScoredPassage::score).reversed().thenComparing(hit -> id(hit.ordinal())))
            .toList();
    }

    private static Map<Integer, Integer> ranks(List<ScoredPassage> ranking) {
        Map<Integer, Integer> ranks = new HashMap<>();
        for (int i = 0; i < ranking.size(); i++) {
            ranks.put(ranking.get(i).ordinal(), i + 1);
        }
        return ranks;
    }

    private String id(int ordinal) {
        return passages.get(ordinal).id();
    }
}
