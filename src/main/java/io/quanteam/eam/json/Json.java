package io.quanteam.eam.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** The one configured Jackson mapper, and reading JSON with errors that name the file, line and column. */
public final class Json {
  /** Deepest nesting accepted from any input (files, inbox, HTTP). */
  public static final int MAX_DEPTH = 200;

  public static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  static {
    MAPPER.getFactory().setStreamReadConstraints(
        StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build());
  }

  private Json() {}

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /**
   * Parses text; the error names {@code source} with line and column. A number beyond the range of a double
   * ({@code 1e400}) is refused there too: Jackson would read it as Infinity, which no contract or hash can hold.
   * Empty text gives a missing node.
   */
  public static JsonNode parse(String text, String source) {
    try (JsonParser parser = new FiniteNumbers(MAPPER.createParser(text), source)) {
      JsonNode node = MAPPER.readTree(parser);
      return node == null ? MissingNode.getInstance() : node;
    } catch (IOException e) {
      throw new JsonInputException(source, describe(e));
    }
  }

  /** Parses UTF-8 bytes: strictly decoded first (an overlong or stray byte is refused with its offset). */
  public static JsonNode parse(byte[] bytes, String source) {
    return parse(StrictUtf8.decode(bytes, source), source);
  }

  public static JsonNode read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new JsonInputException(file.toString(), "file not found");
    } catch (IOException e) {
      throw new JsonInputException(file.toString(), "cannot read: " + e.getMessage());
    }
    JsonNode node = parse(bytes, file.toString());
    if (node == null || node.isMissingNode()) {
      throw new JsonInputException(file.toString(), "file is empty");
    }
    return node;
  }

  public static <T> T convert(JsonNode node, Class<T> type) {
    return MAPPER.convertValue(node, type);
  }

  public static JsonNode tree(Object value) {
    return MAPPER.valueToTree(value);
  }

  private static String describe(IOException e) {
    if (e instanceof JsonProcessingException jpe && jpe.getLocation() != null) {
      return "line " + jpe.getLocation().getLineNr() + ", column " + jpe.getLocation().getColumnNr()
          + ": " + jpe.getOriginalMessage();
    }
    return e.getMessage();
  }
}
