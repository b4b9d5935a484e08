package io.quanteam.eam.json;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes input bytes as UTF-8 and nothing else. Jackson's byte parser decodes leniently (the overlong {@code C0 AF}
 * becomes {@code /}, which could smuggle a path separator past a check on the text), so bytes are decoded here,
 * refusing any malformed sequence with its byte offset.
 */
public final class StrictUtf8 {
  private StrictUtf8() {}

  /** The text of {@code bytes}, without a leading byte-order mark (as Jackson's byte parser skips it). */
  public static String decode(byte[] bytes, String source) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length); // UTF-8 never yields more chars than bytes
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      int at = in.position();
      throw new JsonInputException(source, String.format("byte %d: not valid UTF-8 (0x%02X); JSON files must be UTF-8",
          at, bytes[at] & 0xFF));
    }
    out.flip();
    if (out.hasRemaining() && out.charAt(0) == '\uFEFF') {
      out.position(1);
    }
    return out.toString();
  }
}
