package io.quanteam.eam.json;

import java.util.regex.Pattern;

/**
 * The one rule for the short ids this product makes: a job, run or dossier id is the first 12 lower-case hex digits
 * of a sha256 ({@link CanonicalJson#sha256}), a card id {@code card_} and its run id. Every allowlist (store, CLI,
 * API, registry) checks ids with these, before any file is touched.
 */
public final class ShortIds {
  /** 12 lower-case hex digits, whole. */
  public static final Pattern SHORT_ID = Pattern.compile("[0-9a-f]{12}");
  /** {@code card_} and a short id, whole. */
  public static final Pattern CARD_ID = Pattern.compile("card_[0-9a-f]{12}");

  private ShortIds() {}

  public static boolean isShortId(String value) {
    return value != null && SHORT_ID.matcher(value).matches();
  }

  public static boolean isCardId(String value) {
    return value != null && CARD_ID.matcher(value).matches();
  }
}
