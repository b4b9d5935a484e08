package io.quanteam.eam.contract;

import com.networknt.schema.regex.RegularExpression;
import com.networknt.schema.regex.RegularExpressionFactory;
import java.util.regex.Pattern;

/**
 * JSON Schema patterns are ECMA-262 regular expressions, where {@code $} (without the multiline flag) matches only
 * at the end of the input. Java's {@code $} also matches before a final line terminator, so with the validator's
 * default (JDK) engine {@code "demo\n"} passed {@code ^[A-Za-z0-9_-]+$}. This factory compiles each pattern with
 * every unescaped {@code $} outside a character class turned into {@code \z}; the rest is the JDK's regex, as
 * before (no extra engine on the class path).
 */
final class EcmaAnchors implements RegularExpressionFactory {
  static final EcmaAnchors INSTANCE = new EcmaAnchors();

  private EcmaAnchors() {}

  @Override
  public RegularExpression getRegularExpression(String regex) {
    Pattern pattern = Pattern.compile(translate(regex));
    return text -> pattern.matcher(text).find(); // a schema pattern is a search, not a whole-string match
  }

  /** {@code regex} with each end-of-input {@code $} written as {@code \z}. */
  static String translate(String regex) {
    StringBuilder sb = new StringBuilder(regex.length() + 4);
    boolean inClass = false;
    for (int i = 0; i < regex.length(); i++) {
      char c = regex.charAt(i);
      if (c == '\\' && i + 1 < regex.length()) {
        sb.append(c).append(regex.charAt(++i));
      } else if (c == '[' && !inClass) {
        inClass = true;
        sb.append(c);
      } else if (c == ']' && inClass) {
        inClass = false;
        sb.append(c);
      } else if (c == '$' && !inClass) {
        sb.append("\\z");
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
