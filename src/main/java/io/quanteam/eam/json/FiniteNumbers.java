package io.quanteam.eam.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import java.io.IOException;

/**
 * A parser that refuses a floating-point literal beyond the range of a double ({@code 1e400}) where it is written.
 * Jackson reads such a literal as Infinity, which canonical JSON cannot write: without this check it surfaced later
 * as an IllegalArgumentException with no location. Every value token passes through {@link #nextToken} or
 * {@link #nextValue} (field names may be skipped via {@code nextFieldName}, values never).
 */
final class FiniteNumbers extends JsonParserDelegate {
  private final String source;

  FiniteNumbers(JsonParser parser, String source) {
    super(parser);
    this.source = source;
  }

  @Override
  public JsonToken nextToken() throws IOException {
    return checked(delegate.nextToken());
  }

  @Override
  public JsonToken nextValue() throws IOException {
    return checked(delegate.nextValue());
  }

  private JsonToken checked(JsonToken token) throws IOException {
    if (token == JsonToken.VALUE_NUMBER_FLOAT && !Double.isFinite(delegate.getDoubleValue())) {
      JsonLocation at = delegate.currentTokenLocation();
      throw new JsonInputException(source, "line " + at.getLineNr() + ", column " + at.getColumnNr()
          + ": the number " + delegate.getText() + " is beyond the range of a double; write a finite number");
    }
    return token;
  }
}
