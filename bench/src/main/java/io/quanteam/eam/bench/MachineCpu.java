package io.quanteam.eam.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time the whole machine spent (every process and the kernel's own threads: file system, block I/O,
 * interrupts), from {@code /proc/stat}: a steadier measure of the work per job than wall time on a shared machine.
 */
final class MachineCpu {
  private MachineCpu() {}

  /** {user+nice, system+irq+softirq, steal} in clock ticks; zeros where /proc/stat is unavailable. */
  static long[] read() {
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long user = Long.parseLong(f[1]) + Long.parseLong(f[2]);
      long system = Long.parseLong(f[3]) + Long.parseLong(f[6]) + Long.parseLong(f[7]);
      long steal = f.length > 8 ? Long.parseLong(f[8]) : 0;
      return new long[] {user, system, steal};
    } catch (IOException | RuntimeException e) {
      return new long[3];
    }
  }

  static String describe(long[] from, long[] to, int jobs) {
    double tick = 1000.0 / 100; // USER_HZ is 100 on Linux: 10 ms per tick
    double user = (to[0] - from[0]) * tick / jobs;
    double system = (to[1] - from[1]) * tick / jobs;
    double steal = (to[2] - from[2]) * tick / jobs;
    return String.format("machine CPU per job: %.2f ms user + %.2f ms system (steal %.2f ms)", user, system, steal);
  }
}
