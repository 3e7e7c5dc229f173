package dev.gampplanner.agent.context.retrieval;

/** How clauses are retrieved, as reported in {@code ContextFindings.retrievalMethod}. */
public enum RetrievalMethod {
    /** BM25 over the passages alone. */
    BM25("bm25"),
    /** BM25 and MiniLM embedding similarity, fused by reciprocal rank. */
    HYBRID("bm25+minilm-rrf");

    private final String label;

    RetrievalMethod(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
