package io.quanteam.eam.json;

import java.lang.ref.SoftReference;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A cache of at most {@code maxEntries} values, least recently used first out, whose values the garbage collector
 * may also drop when the heap runs short: a long-running daemon's memory stays bounded however many jobs it has seen
 * (a soft reference alone is not enough: values in use every sweep are never old enough to be cleared), and a
 * dropped value is simply read again. Thread-safe.
 */
public final class SoftCache<K, V> {
  private final Map<K, SoftReference<V>> map;

  public SoftCache(int maxEntries) {
    this.map = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<K, SoftReference<V>> eldest) {
        return size() > maxEntries;
      }
    };
  }

  /** The cached value, or null when absent or dropped. */
  public synchronized V get(K key) {
    SoftReference<V> ref = map.get(key);
    V v = ref == null ? null : ref.get();
    if (ref != null && v == null) {
      map.remove(key);
    }
    return v;
  }

  public synchronized void put(K key, V value) {
    map.put(key, new SoftReference<>(value));
  }

  public synchronized void remove(K key) {
    map.remove(key);
  }

  public synchronized int size() {
    return map.size();
  }

  /** The cached value, else {@code load}'s result, cached (two threads may both load; either value is kept). */
  public V computeIfAbsent(K key, Function<? super K, ? extends V> load) {
    V v = get(key);
    if (v == null) {
      v = load.apply(key);
      put(key, v);
    }
    return v;
  }
}
