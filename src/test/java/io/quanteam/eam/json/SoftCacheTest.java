package io.quanteam.eam.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SoftCacheTest {
  @Test
  void keepsWhatWasPutUntilRemovedAndLoadsAMissingValueOnce() {
    SoftCache<String, String> cache = new SoftCache<>(10);
    assertThat(cache.get("a")).isNull();
    cache.put("a", "1");
    assertThat(cache.get("a")).isEqualTo("1");
    cache.remove("a");
    assertThat(cache.get("a")).isNull();

    AtomicInteger loads = new AtomicInteger();
    assertThat(cache.computeIfAbsent("b", k -> k + loads.incrementAndGet())).isEqualTo("b1");
    assertThat(cache.computeIfAbsent("b", k -> k + loads.incrementAndGet())).isEqualTo("b1");
    assertThat(loads).hasValue(1);
  }

  @Test
  void holdsAtMostItsSizeDroppingTheLeastRecentlyUsed() {
    SoftCache<Integer, String> cache = new SoftCache<>(3);
    for (int i = 0; i < 3; i++) {
      cache.put(i, "v" + i);
    }
    assertThat(cache.get(0)).isEqualTo("v0"); // 0 used: 1 is now the least recently used
    cache.put(3, "v3");
    assertThat(cache.size()).isEqualTo(3);
    assertThat(cache.get(1)).isNull();
    assertThat(cache.get(0)).isEqualTo("v0");
    assertThat(cache.get(3)).isEqualTo("v3");
  }
}
