package io.quanteam.eam.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.json.Json;
import java.util.Collection;
import java.util.function.Supplier;
import org.apache.camel.health.HealthCheck;

/**
 * {@code GET /health}: Camel's own health checks (every route started, the job root writable — a check the wiring
 * registers), 200 when all are up, 503 with the ones that are not.
 */
public final class HealthApi {
  private final Supplier<Collection<HealthCheck.Result>> checks;

  public HealthApi(Supplier<Collection<HealthCheck.Result>> checks) {
    this.checks = checks;
  }

  public ApiReply check() {
    ObjectNode body = Json.object();
    ArrayNode list = Json.MAPPER.createArrayNode();
    boolean up = true;
    for (HealthCheck.Result r : checks.get()) {
      boolean ok = r.getState() == HealthCheck.State.UP;
      up &= ok;
      ObjectNode item = list.addObject();
      item.put("id", r.getCheck().getId());
      item.put("state", r.getState().name());
      r.getMessage().ifPresent(m -> item.put("message", m));
    }
    body.put("status", up ? "UP" : "DOWN");
    body.set("checks", list);
    return ApiReply.json(up ? 200 : 503, body);
  }
}
