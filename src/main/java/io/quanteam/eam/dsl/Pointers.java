package io.quanteam.eam.dsl;

/** JSON pointer building (RFC 6901: {@code ~} → {@code ~0}, {@code /} → {@code ~1}). */
final class Pointers {
  private Pointers() {}

  static String child(String parent, String key) {
    return parent + "/" + key.replace("~", "~0").replace("/", "~1");
  }

  static String child(String parent, int index) {
    return parent + "/" + index;
  }
}
