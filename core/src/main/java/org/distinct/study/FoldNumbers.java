package org.distinct.study;

/**
 * The per-fold numbers of one cross-validation as a study run records them: a diverged fold's numbers are NaN
 * (and counted), and the mean training and validation curves are taken over the folds that ran every epoch.
 */
final class FoldNumbers {
  final double[] trainLoss; // [folds]
  final double[] trainAccuracy; // [folds]
  final double[] validationLoss; // [folds]
  final double[] validationAccuracy; // [folds]
  int diverged;
  private final double[] trainCurve; // [epochs] sum, then mean
  private final double[] validationCurve; // [epochs] sum, then mean
  private int curves;

  /**
   * @param folds number of folds
   * @param epochs epochs of a complete training
   */
  FoldNumbers(int folds, int epochs) {
    trainLoss = new double[folds];
    trainAccuracy = new double[folds];
    validationLoss = new double[folds];
    validationAccuracy = new double[folds];
    trainCurve = new double[epochs];
    validationCurve = new double[epochs];
  }

  /**
   * Records fold {@code f}.
   *
   * @param f fold index
   * @param div whether its training diverged
   * @param tl loss on the fold's training rows
   * @param ta accuracy there
   * @param vl loss on the fold's validation rows
   * @param va accuracy there
   * @param trainPerEpoch training loss per completed epoch (Not modified)
   * @param validationPerEpoch validation loss per completed epoch (Not modified)
   */
  void add(int f, boolean div, double tl, double ta, double vl, double va, double[] trainPerEpoch, double[] validationPerEpoch) {
    if (div) diverged++;
    trainLoss[f] = div ? Double.NaN : tl;
    trainAccuracy[f] = div ? Double.NaN : ta;
    validationLoss[f] = div ? Double.NaN : vl;
    validationAccuracy[f] = div ? Double.NaN : va;
    if (div || trainPerEpoch.length != trainCurve.length) return;
    curves++;
    for (int e = 0; e < trainCurve.length; e++) {
      trainCurve[e] += trainPerEpoch[e];
      validationCurve[e] += validationPerEpoch[e];
    }
  }

  /** @return mean training loss per epoch over the complete folds (NaN if none) */
  double[] meanTrainCurve() {
    return mean(trainCurve);
  }

  /** @return mean validation loss per epoch over the complete folds (NaN if none) */
  double[] meanValidationCurve() {
    return mean(validationCurve);
  }

  private double[] mean(double[] sum) {
    double[] m = new double[sum.length];
    for (int e = 0; e < m.length; e++) m[e] = curves == 0 ? Double.NaN : sum[e] / curves;
    return m;
  }
}
