package dev.gampplanner.agent.context.retrieval;

/**
 * A passage as one retrieval leg ranked it.
 *
 * @param ordinal position of the passage in the knowledge base
 * @param score the leg's own score (BM25 or cosine similarity)
 */
record ScoredPassage(int ordinal, double score) {
}
