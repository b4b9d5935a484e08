package io.quanteam.eam.contract;

import com.networknt.schema.AbsoluteIri;
import com.networknt.schema.resource.InputStreamSource;
import com.networknt.schema.resource.SchemaLoader;
import java.io.FileNotFoundException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Serves {@code https://schemas.quanteam.io/eam/<name>.json} from the classpath resource
 * {@code contracts/<name>.json}. It is the only schema loader the validator has, so a schema is never fetched
 * over the network, and it counts reads so a test can prove schemas are parsed once per JVM.
 */
final class ClasspathContractLoader implements SchemaLoader {
  static final String ID_PREFIX = "https://schemas.quanteam.io/eam/";
  static final String RESOURCE_DIR = "contracts/";

  private final ClassLoader classLoader;
  private final AtomicInteger reads = new AtomicInteger();

  ClasspathContractLoader(ClassLoader classLoader) {
    this.classLoader = classLoader;
  }

  @Override
  public InputStreamSource getSchema(AbsoluteIri iri) {
    String id = iri.toString();
    if (!id.startsWith(ID_PREFIX)) {
      throw new IllegalStateException("contracts may only reference " + ID_PREFIX + "*, not " + id);
    }
    String resource = RESOURCE_DIR + id.substring(ID_PREFIX.length());
    return () -> {
      InputStream in = classLoader.getResourceAsStream(resource);
      if (in == null) {
        throw new FileNotFoundException("no contract schema on the classpath at " + resource);
      }
      reads.incrementAndGet();
      return in;
    };
  }

  /** How many schema files have been read so far. */
  int reads() {
    return reads.get();
  }
}
