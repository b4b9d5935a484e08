package io.quanteam.eam.job;

import java.util.List;

/**
 * A job's complete event lines, in order.
 *
 * @param tornTailBytes length of a final line without its newline (a write in progress or torn by a crash);
 *                      readers ignore it, the next writer under the lock repairs it
 */
public record JobEvents(String jobId, List<JobEvent> list, int tornTailBytes) {
  /** sha256 of "no previous line": the {@code prev_sha256} of line 1. */
  public static final String NO_PREVIOUS = "0".repeat(64);

  public JobEvents {
    list = List.copyOf(list);
  }

  public int size() {
    return list.size();
  }

  public JobEvent last() {
    return list.isEmpty() ? null : list.get(list.size() - 1);
  }

  /** The {@code prev_sha256} the next appended line must carry. */
  public String nextPrevSha256() {
    return list.isEmpty() ? NO_PREVIOUS : last().sha256();
  }
}
