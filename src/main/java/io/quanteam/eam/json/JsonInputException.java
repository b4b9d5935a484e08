package io.quanteam.eam.json;

/** Input that is not well-formed JSON; the message names the source and the position. */
public final class JsonInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String source;

  public JsonInputException(String source, String detail) {
    super(source + ": " + detail);
    this.source = source;
  }

  public String source() {
    return source;
  }
}
