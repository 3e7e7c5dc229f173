package dev.gampplanner.agent.context.retrieval;

import dev.gampplanner.agent.context.knowledge.Passage;

/**
 * A passage retrieved for one requirement.
 *
 * @param relevance what ranked it: the reciprocal-rank sum of both legs, or the BM25 score when BM25 runs alone
 * @param lexicalRank 1-based rank in the BM25 list, or null when BM25 did not list it
 * @param semanticRank 1-based rank in the embedding list, or null when that leg did not run or did not list it
 */
public record ClauseHit(Passage passage, double relevance, Integer lexicalRank, Integer semanticRank) {
}
