package io.quanteam.eam.stats;

import java.util.Arrays;

/**
 * Outcome of {@link Pbo#compute}; the per-split arrays follow the splits in lexicographic order of their
 * in-sample block indices.
 *
 * @param pbo share of splits with λ ≤ 0 (the in-sample winner ranks in the lower half out of sample)
 * @param lambdas logit λ = ln(ω̄/(1−ω̄)) of the winner's relative out-of-sample rank, per split
 * @param isPerformance in-sample metric of the in-sample winner, per split
 * @param oosPerformance out-of-sample metric of the in-sample winner, per split
 * @param degradationSlope OLS slope of oosPerformance on isPerformance; NaN when isPerformance is
 *     constant (a vertical fit)
 * @param degradationIntercept OLS intercept of the same fit; NaN when the slope is
 * @param probabilityOfLoss share of splits whose in-sample winner has an out-of-sample metric &lt; 0
 */
public record PboResult(double pbo, double[] lambdas, double[] isPerformance, double[] oosPerformance,
    double degradationSlope, double degradationIntercept, double probabilityOfLoss) {

  public PboResult {
    lambdas = lambdas.clone();
    isPerformance = isPerformance.clone();
    oosPerformance = oosPerformance.clone();
  }

  @Override
  public double[] lambdas() {
    return lambdas.clone();
  }

  @Override
  public double[] isPerformance() {
    return isPerformance.clone();
  }

  @Override
  public double[] oosPerformance() {
    return oosPerformance.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PboResult r
        && Double.compare(pbo, r.pbo) == 0
        && Arrays.equals(lambdas, r.lambdas)
        && Arrays.equals(isPerformance, r.isPerformance)
        && Arrays.equals(oosPerformance, r.oosPerformance)
        && Double.compare(degradationSlope, r.degradationSlope) == 0
        && Double.compare(degradationIntercept, r.degradationIntercept) == 0
        && Double.compare(probabilityOfLoss, r.probabilityOfLoss) == 0;
  }

  @Override
  public int hashCode() {
    int h = Double.hashCode(pbo);
    h = 31 * h + Arrays.hashCode(lambdas);
    h = 31 * h + Arrays.hashCode(isPerformance);
    h = 31 * h + Arrays.hashCode(oosPerformance);
    h = 31 * h + Double.hashCode(degradationSlope);
    h = 31 * h + Double.hashCode(degradationIntercept);
    return 31 * h + Double.hashCode(probabilityOfLoss);
  }

  @Override
  public String toString() {
    return "PboResult[pbo=" + pbo + ", lambdas=" + Arrays.toString(lambdas)
        + ", isPerformance=" + Arrays.toString(isPerformance)
        + ", oosPerformance=" + Arrays.toString(oosPerformance)
        + ", degradationSlope=" + degradationSlope
        + ", degradationIntercept=" + degradationIntercept
        + ", probabilityOfLoss=" + probabilityOfLoss + "]";
  }
}
