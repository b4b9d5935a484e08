package io.quanteam.eam.agent;

/** An agent of the deterministic rules provider (02 §11): its id and version, provider {@code rules}. */
abstract class RulesAgent implements Agent {
  private final String agentId;
  private final String version;

  RulesAgent(String agentId, String version) {
    this.agentId = agentId;
    this.version = version;
  }

  @Override
  public final String agentId() {
    return agentId;
  }

  @Override
  public final String version() {
    return version;
  }

  @Override
  public final String provider() {
    return "rules";
  }
}
