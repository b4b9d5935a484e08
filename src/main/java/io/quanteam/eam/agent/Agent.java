package io.quanteam.eam.agent;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One agent step of the idea flow (02 §11): an input document in, named documents out, each checked against its
 * contract by {@link AgentStep}. The same input always gives the same output (the rules provider is deterministic;
 * another provider sits behind this same interface, and nothing may depend on it).
 */
public interface Agent {
  /** {@code agent_id} in {@code agent_run.json}, e.g. {@code intent_agent}. */
  String agentId();

  /** {@code agent_version}: changes whenever the same input would give other output. */
  String version();

  /** {@code provider}: {@code rules} for the deterministic default. */
  String provider();

  /** The input as the agent receives it; an {@link io.quanteam.eam.contract.InvalidInputException} names what is wrong. */
  AgentOutput run(JsonNode input);
}
