package io.quanteam.eam.job;

/** What a job was submitted as; the spec's {@code schema_version} says which (01 §4). */
public enum JobKind {
  BLUEPRINT("job_spec_v1"),
  IDEA("idea_spec_v1");

  private final String specContract;

  JobKind(String specContract) {
    this.specContract = specContract;
  }

  public String specContract() {
    return specContract;
  }

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The flow a job of this kind follows. */
  public Flow flow() {
    return this == BLUEPRINT ? Flow.BLUEPRINT : Flow.IDEA;
  }

  static JobKind ofSpecVersion(String schemaVersion) {
    for (JobKind k : values()) {
      if (k.specContract.equals(schemaVersion)) {
        return k;
      }
    }
    return null;
  }
}
