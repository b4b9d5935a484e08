package io.quanteam.eam.agent;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** What an agent wrote: documents by file name within its folder, each with the contract it must satisfy. */
public record AgentOutput(List<File> files) {
  public AgentOutput {
    files = List.copyOf(files);
    if (files.isEmpty()) {
      throw new IllegalArgumentException("an agent writes at least one file");
    }
  }

  /** One output document; {@code contract} null for a document no contract describes (checked as JSON only). */
  public record File(String name, String contract, JsonNode document) {}

  /** The document of {@code name}. */
  public JsonNode document(String name) {
    return files.stream().filter(f -> f.name().equals(name)).findFirst()
        .map(File::document).orElseThrow(() -> new IllegalArgumentException("no output " + name));
  }
}
