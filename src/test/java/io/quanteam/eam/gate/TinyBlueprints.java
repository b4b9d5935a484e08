package io.quanteam.eam.gate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.json.Json;
import java.nio.file.Path;

/** The tiny demo's buy-and-hold blueprint (fixed split: train, test and holdout over 2024-01-01..10). */
final class TinyBlueprints {
  private TinyBlueprints() {}

  static ObjectNode buyAndHold() {
    return (ObjectNode) Json.read(Path.of("src/test/resources/blueprints/buyhold_tiny.json"));
  }
}
