package io.quanteam.eam.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.app.DaemonFixture;
import io.quanteam.eam.job.Fifos;
import io.quanteam.eam.json.CanonicalJson;
import io.quanteam.eam.reliability.HostileEntry.Expect;
import java.io.ByteArrayOutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeded hostile inbox entries: a few valid job specs, JSON mutations of one, and files that are no JSON at all —
 * empty, oversized, oddly or very long named, FIFOs, sockets, links of every sort, folders, hard links. The same seed
 * gives the same entries. What each is owed follows docs/workflow.md ("Inbox contract").
 */
final class HostileInboxGenerator {
  /** Kinds and their weights in the random part (every kind also comes once up front). */
  private static final Map<String, Integer> WEIGHTS = new LinkedHashMap<>();

  static {
    String[] kinds = {"valid:2", "duplicate:1", "wrong_type:8", "missing_field:6", "raw_number:6",
        "deep_nesting:3", "long_string:3", "invalid_utf8:6", "bom:3", "truncated:6", "trailing_garbage:5",
        "snapshot_newline:2", "unknown_schema:3", "bare_blueprint:2", "non_object:3", "duplicate_key:2", "empty:3",
        "too_large:2", "long_name:4", "odd_name:5", "fifo:3", "socket:1", "dangling_link:2", "loop_link:2",
        "device_link:2", "outside_file_link:1", "outside_file_link_relative:1", "outside_folder_link:2", "folder:3", "hard_link_pair:2",
        "hard_link_outside:1", "answer_named_pair:1"};
    for (String k : kinds) {
      String[] kv = k.split(":");
      WEIGHTS.put(kv[0], Integer.parseInt(kv[1]));
    }
  }

  private static final String[] RAW_NUMBERS = {"1e400", "-1e400", "NaN", "-NaN", "Infinity", "-Infinity", "+1",
      "1e-400", "123456789012345678901234567890123456789", "0x10", "01", ".5"};
  private static final byte[][] BAD_UTF8 = {{(byte) 0xC0, (byte) 0xAF}, {(byte) 0x80}, {(byte) 0xFF},
      {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
      {(byte) 0xE2, (byte) 0x82}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}};
  private static final String[] ODD_NAMES = {"with space", "ünïcödé", "日本語の仕様", "emoji 😀", "new\nline",
      "quote\"d", "back\\slash", "-dash", "tab\there", "semi;colon", "dollar$HOME", "star*", "percent%20",
      "right-to-left \u202Etxt", "zero\u200Bwidth"};

  private final Random random;
  private final Path outsideFile;
  private final Path outsideFileRelative;
  private final Path outsideFolder;
  private final Path hardLinked;
  private final List<HostileEntry> entries = new ArrayList<>();
  private final List<byte[]> valid = new ArrayList<>();

  /**
   * @param outsideFile   a file outside the inbox that links point to (must never be read), absolute
   * @param inbox         the inbox, for links to that file by a relative path
   * @param outsideFolder a folder outside the inbox that links point to (must never be listed)
   * @param hardLinked    a folder outside the inbox, on its file system, for files hard-linked into it (a hard link
   *                      is the file itself: these are read, and must stay unchanged)
   */
  HostileInboxGenerator(long seed, Path outsideFile, Path inbox, Path outsideFolder, Path hardLinked) {
    this.random = new Random(seed);
    this.outsideFile = outsideFile;
    this.outsideFileRelative = inbox.relativize(outsideFile);
    this.outsideFolder = outsideFolder;
    this.hardLinked = hardLinked;
  }

  /** About {@code count} entries (pairs may add one), every kind at least once, in a seeded random order. */
  List<HostileEntry> generate(int count) {
    WEIGHTS.keySet().forEach(this::add);
    int total = WEIGHTS.values().stream().mapToInt(Integer::intValue).sum();
    while (entries.size() < count) {
      int pick = random.nextInt(total);
      for (Map.Entry<String, Integer> w : WEIGHTS.entrySet()) {
        pick -= w.getValue();
        if (pick < 0) {
          add(w.getKey());
          break;
        }
      }
    }
    return List.copyOf(entries);
  }

  private void add(String kind) {
    int n = entries.size();
    String name = "e" + n + "-" + kind + ".json";
    switch (kind) {
      case "valid" -> {
        byte[] spec = CanonicalJson.prettyBytes(DaemonFixture.jobSpec("demo_tiny", "hostile valid " + n));
        valid.add(spec);
        file(name, kind, Expect.DONE, null, spec);
      }
      case "duplicate" -> {
        if (valid.isEmpty()) {
          add("valid");
        }
        file(name, kind, Expect.DONE, null, valid.get(random.nextInt(valid.size())));
      }
      case "wrong_type", "missing_field" -> file(name, kind, Expect.ANY, null, mutated(kind));
      case "raw_number" -> {
        String token = RAW_NUMBERS[random.nextInt(RAW_NUMBERS.length)];
        // a long integer and an underflow to 0 are numbers JSON allows: answered either way
        boolean number = token.startsWith("1234") || token.equals("1e-400");
        file(name, kind, number ? Expect.ANY : Expect.ERROR, number ? null : "json_syntax", raw(token));
      }
      case "deep_nesting" -> {
        int depth = 1_000 + random.nextInt(200_000);
        file(name, kind, Expect.ERROR, null, raw("[".repeat(depth) + "]".repeat(depth)));
      }
      case "long_string" -> file(name, kind, Expect.ANY, null, raw("\"" + "v".repeat(10_000
          + random.nextInt(500_000)) + "\""));
      case "invalid_utf8" -> {
        String text = new String(spec("utf " + n), StandardCharsets.UTF_8);
        int at = text.indexOf("utf " + n) + 2;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(text.substring(0, at).getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(BAD_UTF8[random.nextInt(BAD_UTF8.length)]);
        bytes.writeBytes(text.substring(at).getBytes(StandardCharsets.UTF_8));
        file(name, kind, Expect.ERROR, "json_syntax", bytes.toByteArray());
      }
      case "bom" -> {
        byte[] spec = spec("bom " + n);
        byte[] withBom = new byte[spec.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(spec, 0, withBom, 3, spec.length);
        file(name, kind, Expect.ANY, null, withBom);
      }
      case "truncated" -> {
        byte[] spec = spec("truncated " + n);
        int lastBrace = new String(spec, StandardCharsets.UTF_8).lastIndexOf('}');
        file(name, kind, Expect.ERROR, "json_syntax", java.util.Arrays.copyOf(spec, 1 + random.nextInt(lastBrace)));
      }
      case "trailing_garbage" -> {
        String[] tails = {" x", "}", "{}", "\u0000", ",", "]", " // comment", "\n{\"again\": 1}"};
        String text = new String(spec("trailing " + n), StandardCharsets.UTF_8).strip()
            + tails[random.nextInt(tails.length)];
        file(name, kind, Expect.ERROR, "json_syntax", text.getBytes(StandardCharsets.UTF_8));
      }
      case "snapshot_newline" -> file(name, kind, Expect.ERROR, "pattern", CanonicalJson.prettyBytes(
          DaemonFixture.jobSpec("demo_tiny", "newline " + n).put("snapshot_id", random.nextBoolean() ? "demo\n"
              : "demo_tiny\n")));
      case "unknown_schema" -> {
        String[] versions = {"job_spec_v2", "", "JOB_SPEC_V1", "job_spec_v1 ", "idea_spec_v9", "job_spec"};
        file(name, kind, Expect.ERROR, "unknown_schema", CanonicalJson.prettyBytes(DaemonFixture.jobSpec(
            "demo_tiny", "schema " + n).put("schema_version", versions[random.nextInt(versions.length)])));
      }
      case "bare_blueprint" -> file(name, kind, Expect.ERROR, "snapshot_required",
          CanonicalJson.prettyBytes(DaemonFixture.blueprint("bare " + n)));
      case "non_object" -> {
        String[] docs = {"[]", "42", "\"text\"", "null", "true", "[{\"schema_version\": \"job_spec_v1\"}]"};
        file(name, kind, Expect.ERROR, "type", docs[random.nextInt(docs.length)].getBytes(StandardCharsets.UTF_8));
      }
      case "duplicate_key" -> file(name, kind, Expect.ANY, null, ("{\"schema_version\": \"job_spec_v1\", "
          + "\"schema_version\": \"blueprint_v1\"," + new String(spec("dup " + n), StandardCharsets.UTF_8)
          .strip().substring(1)).getBytes(StandardCharsets.UTF_8));
      case "empty" -> file(name, kind, Expect.ERROR, "empty_file", new byte[0]);
      case "too_large" -> {
        String pad = " ".repeat((1 << 20) + 1 + random.nextInt(100_000));
        file(name, kind, Expect.ERROR, "file_too_large", (new String(spec("large " + n), StandardCharsets.UTF_8)
            + pad).getBytes(StandardCharsets.UTF_8));
      }
      case "long_name" -> {
        // 241–250 bytes in all: the entry fits the file system, "<name>.error.json" does not
        String fill = random.nextBoolean() ? "n" : "é";
        StringBuilder longName = new StringBuilder("e" + n + "-long-");
        int target = 241 + random.nextInt(10) - ".json".length();
        while (longName.toString().getBytes(StandardCharsets.UTF_8).length + fill.getBytes(StandardCharsets.UTF_8)
            .length <= target) {
          longName.append(fill);
        }
        someContent(longName + ".json", kind);
      }
      case "odd_name" -> someContent("e" + n + " " + ODD_NAMES[random.nextInt(ODD_NAMES.length)] + ".json", kind);
      case "fifo" -> entries.add(new HostileEntry(name, kind, Expect.ERROR, "special_file", Fifos::make));
      case "socket" -> entries.add(new HostileEntry(name, kind, Expect.ERROR, "special_file", at -> {
        try (ServerSocketChannel socket = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
          socket.bind(UnixDomainSocketAddress.of(at)); // the socket file stays after the channel closes
        }
      }));
      case "dangling_link" -> link(name, kind, Path.of("nowhere-" + n + ".json"));
      case "loop_link" -> link(name, kind, Path.of(name));
      case "device_link" -> link(name, kind, Path.of(new String[] {"/dev/zero", "/dev/urandom", "/dev/null",
          "/dev/full"}[random.nextInt(4)]));
      case "outside_file_link" -> link(name, kind, outsideFile);
      case "outside_file_link_relative" -> link(name, kind, outsideFileRelative);
      case "outside_folder_link" -> link(name, kind, outsideFolder);
      case "folder" -> entries.add(new HostileEntry(name, kind, Expect.ERROR, "folder", at -> {
        Files.createDirectories(at.resolve("inside"));
        Files.write(at.resolve("inside/spec.json"), spec("inside " + n));
      }));
      case "hard_link_pair" -> {
        // two names of one file, both entries: each is answered (the same spec: one job, created then exists)
        byte[] spec = spec("hard pair " + n);
        file(name, kind, Expect.DONE, null, spec);
        String second = "e" + n + "-hard_link_pair-b.json";
        Path first = Path.of(name);
        entries.add(new HostileEntry(second, kind, Expect.DONE, null,
            at -> Files.createLink(at, at.resolveSibling(first))));
      }
      case "hard_link_outside" -> entries.add(new HostileEntry(name, kind, Expect.ERROR, "unknown_schema", at -> {
        Path target = Files.write(hardLinked.resolve("hard-" + n + ".json"), CanonicalJson.prettyBytes(
            DaemonFixture.jobSpec("demo_tiny", "hard outside " + n).put("schema_version", "outside_v1")));
        Files.createLink(at, target);
      }));
      case "answer_named_pair" -> {
        // an entry named like another entry's answer: both must still be answered, neither answer lost
        file(name, kind, Expect.ERROR, "type", "[]".getBytes(StandardCharsets.UTF_8));
        file(name + ".error.json", kind, Expect.ERROR, "unknown_schema", CanonicalJson.prettyBytes(
            DaemonFixture.jobSpec("demo_tiny", "answer named " + n).put("schema_version", "answer_v1")));
      }
      default -> throw new IllegalArgumentException(kind);
    }
  }

  /** A valid spec under an odd or long name (then a job), or a refused one. */
  private void someContent(String name, String kind) {
    if (random.nextInt(4) == 0) {
      file(name, kind, Expect.DONE, null, spec("named " + entries.size())); // a title has at most 200 characters
    } else {
      file(name, kind, Expect.ERROR, "unknown_schema", CanonicalJson.prettyBytes(DaemonFixture.jobSpec("demo_tiny",
          "named " + entries.size()).put("schema_version", "odd_v1")));
    }
  }

  private void file(String name, String kind, Expect expect, String rule, byte[] bytes) {
    entries.add(new HostileEntry(name, kind, expect, rule, at -> Files.write(at, bytes)));
  }

  private void link(String name, String kind, Path target) {
    entries.add(new HostileEntry(name, kind, Expect.ERROR, "symbolic_link", at -> Files.createSymbolicLink(at,
        target)));
  }

  private byte[] spec(String title) {
    return CanonicalJson.prettyBytes(DaemonFixture.jobSpec("demo_tiny", title));
  }

  /** A valid spec with one value (chosen at random, at any depth) replaced by {@code token} as raw JSON text. */
  private byte[] raw(String token) {
    ObjectNode spec = DaemonFixture.jobSpec("demo_tiny", "raw " + entries.size());
    List<Slot> slots = slots(spec);
    slots.get(random.nextInt(slots.size())).set("@@RAW@@");
    return CanonicalJson.pretty(spec).replace("\"@@RAW@@\"", token).getBytes(StandardCharsets.UTF_8);
  }

  /** A valid spec with a value of another type, or without one of its members. */
  private byte[] mutated(String how) {
    ObjectNode spec = DaemonFixture.jobSpec("demo_tiny", how + " " + entries.size());
    List<Slot> slots = slots(spec);
    Slot slot = slots.get(random.nextInt(slots.size()));
    if (how.equals("missing_field") && slot.parent().isObject()) {
      ((ObjectNode) slot.parent()).remove(slot.key());
    } else {
      JsonNode v = slot.value();
      slot.set(v.isTextual() ? (Object) 42 : v.isNumber() ? v.asText() : v.isBoolean() ? "true"
          : v.isObject() ? (Object) List.of() : v.isArray() ? (Object) Map.of() : 1);
    }
    return CanonicalJson.prettyBytes(spec);
  }

  /** A place holding a value: a member of an object or an element of an array. */
  private record Slot(JsonNode parent, String key, int index) {
    JsonNode value() {
      return parent.isObject() ? parent.get(key) : parent.get(index);
    }

    void set(Object value) {
      JsonNode node = io.quanteam.eam.json.Json.MAPPER.valueToTree(value);
      if (parent.isObject()) {
        ((ObjectNode) parent).set(key, node);
      } else {
        ((ArrayNode) parent).set(index, node);
      }
    }
  }

  private static List<Slot> slots(JsonNode node) {
    List<Slot> slots = new ArrayList<>();
    if (node.isObject()) {
      for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
        String key = names.next();
        slots.add(new Slot(node, key, -1));
        slots.addAll(slots(node.get(key)));
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        slots.add(new Slot(node, null, i));
        slots.addAll(slots(node.get(i)));
      }
    }
    return slots;
  }
}
