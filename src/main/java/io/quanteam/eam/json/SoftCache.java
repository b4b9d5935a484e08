package io.quanteam.eam.json;

import java.lang.ref.SoftReference;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A cache whose values the garbage collector may drop when the heap runs short: memory stays bounded by the heap
 * limit however many jobs a long-running daemon has seen, and a dropped value is simply read again. Thread-safe.
 */
public final class SoftCache<K, V> {
  private final ConcurrentHashMap<K, SoftReference<V>> map = new ConcurrentHashMap<>();

  /** The cached value, or null when absent or dropped. */
  public V get(K key) {
    SoftReference<V> ref = map.get(key);
    V v = ref == null ? null : ref.get();
    if (ref != null && v == null) {
      map.remove(key, ref);
    }
    return v;
  }

  public void put(K key, V value) {
    map.put(key, new SoftReference<>(value));
  }

  public void remove(K key) {
    map.remove(key);
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
