package io.quanteam.eam.workflow;

/** Test access to the inbox's answer names ({@link InboxAnswers#fileName}) for suites outside this package. */
public final class InboxAnswerNames {
  private InboxAnswerNames() {}

  /** {@code .done/}'s answer name for the entry {@code name}. */
  public static String result(String name) {
    return InboxAnswers.fileName(name, ".result.json");
  }

  /** The name the entry {@code name} is moved under beside its answer. */
  public static String moved(String name) {
    return InboxAnswers.entryName(name);
  }

  /** {@code .error/}'s answer name for the entry {@code name}. */
  public static String error(String name) {
    return InboxAnswers.fileName(name, ".error.json");
  }
}
