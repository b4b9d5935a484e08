package io.quanteam.eam.policy;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One policy file of the folder as indexed by {@link PolicyStore}: its id, kind, name, the sha256 of the bytes
 * that were read, and their parsed content (as JSON; values not yet validated).
 */
public record PolicyAsset(String id, PolicyKind kind, String fileName, String sha256, JsonNode content) {

  public PolicyAsset {
    content = content.deepCopy();
  }

  @Override
  public JsonNode content() {
    return content.deepCopy();
  }

  /** The policy's {@code policy_version}, or empty text when the file has none. */
  public String policyVersion() {
    return content.path("policy_version").asText("");
  }

  public String title() {
    return content.path("title").asText("");
  }
}
