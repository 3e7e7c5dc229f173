package dev.gampplanner.runtime.agent;

import org.apache.avro.specific.SpecificRecord;

import dev.gampplanner.schema.ModelGeneration;

/**
 * What an agent found for a request.
 *
 * @param payload the findings, as the agent's payload record
 * @param generation in LLM mode, the prompt and every exchange with the model; null otherwise
 */
public record Answer(SpecificRecord payload, ModelGeneration generation) {
}
