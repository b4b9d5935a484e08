package io.quanteam.eam.workflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One line of the daemon's log: a message for people and the same facts as fields for machines. {@link #json()} is
 * what {@code --log-format json} prints: one object per line, ASCII only (non-ASCII escaped), so a shipper reads it
 * whatever the terminal's encoding.
 *
 * @param fields structured values ({@code job_id}, {@code step}, {@code event}, {@code duration_ms}, …), in order
 */
public record LogLine(Instant ts, LogLevel level, String logger, String msg, Map<String, Object> fields) {
  private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
      .withZone(ZoneOffset.UTC);
  private static final JsonMapper MAPPER = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

  public LogLine {
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  /** A field's value, or null. */
  public Object field(String name) {
    return fields.get(name);
  }

  /** {"ts", "level", "logger", "msg", then the fields}; null fields are left out. */
  public String json() {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("ts", TS.format(ts));
    o.put("level", level.name());
    o.put("logger", logger);
    o.put("msg", msg);
    fields.forEach((k, v) -> {
      if (v instanceof Number n) {
        o.put(k, n.longValue());
      } else if (v != null) {
        o.put(k, v.toString());
      }
    });
    try {
      return MAPPER.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a log line as JSON: " + e.getMessage(), e);
    }
  }
}
