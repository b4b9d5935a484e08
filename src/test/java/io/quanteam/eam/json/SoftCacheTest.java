package io.quanteam.eam.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SoftCacheTest {
  @Test
  void keepsWhatWasPutUntilRemovedAndLoadsAMissingValueOnce() {
    SoftCache<String, String> cache = new SoftCache<>();
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
}
