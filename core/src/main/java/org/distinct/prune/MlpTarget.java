package org.distinct.prune;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.distinct.BadInputException;
import org.distinct.data.Dataset;
import org.distinct.model.Activation;
import org.distinct.model.DenseLayer;
import org.distinct.model.Mlp;
import org.distinct.train.SoftmaxCrossEntropy;

/**
 * {@link PruningTarget} for hidden layer {@code layer} of an {@link Mlp}, over a {@link Dataset}. Removal is
 * physical ({@link MlpSurgery}); "outgoing" weights are the next layer's incoming column.
 *
 * @param layer 0-based hidden layer index
 */
public record MlpTarget(int layer) implements NetworkTarget<Mlp, Dataset> {

  /** Checks the index. */
  public MlpTarget {
    if (layer < 0) throw new IllegalArgumentException("layer index " + layer + " is negative");
  }

  /**
   * Throws when the model has no hidden layer {@code layer}.
   *
   * @param model the model
   * @param layer the hidden layer index
   * @throws BadInputException naming the problem
   */
  public static void checkLayer(Mlp model, int layer) {
    if (model.hiddenLayerCount() == 0)
      throw new BadInputException("the model " + model + " has no hidden layer: nothing to prune");
    if (layer < 0 || layer >= model.hiddenLayerCount())
      throw new BadInputException(
          "hidden layer " + layer + " does not exist (the model " + model + " has " + model.hiddenLayerCount()
              + " hidden layer(s), numbered from 0)");
  }

  /**
   * Throws when a dataset's column count differs from the model's inputs.
   *
   * @param model the model
   * @param data the data
   * @throws BadInputException naming the source and both counts
   */
  public static void checkColumns(Mlp model, Dataset data) {
    if (data.cols() != model.inputSize())
      throw BadInputException.at(
          data.source(), 0, null,
          "has " + data.cols() + " feature columns but the model expects " + model.inputSize() + " inputs ("
              + (data.cols() > model.inputSize() ? (data.cols() - model.inputSize()) + " extra"
                  : (model.inputSize() - data.cols()) + " missing") + ")");
  }

  /**
   * Throws when a dataset's feature columns are not exactly the ones a model was trained on (for models
   * saved with their feature names), naming the missing and the extra columns, or the first position where
   * the order differs.
   *
   * @param expected the model's feature names, in input order
   * @param data the data
   * @throws BadInputException naming the source and the columns
   */
  public static void checkFeatureNames(List<String> expected, Dataset data) {
    List<String> actual = data.featureNames();
    if (actual.equals(expected)) return;
    List<String> missing = new ArrayList<>();
    for (String e : expected) if (!actual.contains(e)) missing.add("'" + e + "'");
    List<String> extra = new ArrayList<>();
    for (String a : actual) if (!expected.contains(a)) extra.add("'" + a + "'");
    if (missing.isEmpty() && extra.isEmpty()) {
      int i = 0;
      while (i < expected.size() && expected.get(i).equals(actual.get(i))) i++;
      throw BadInputException.at(
          data.source(), 0, actual.get(i),
          "the feature columns are in a different order than the model's inputs (position " + (i + 1) + " should be '"
              + expected.get(i) + "')");
    }
    StringBuilder sb = new StringBuilder("the feature columns do not match the model's inputs:");
    if (!missing.isEmpty()) sb.append(" missing ").append(String.join(", ", missing));
    if (!missing.isEmpty() && !extra.isEmpty()) sb.append(';');
    if (!extra.isEmpty()) sb.append(" extra ").append(String.join(", ", extra));
    throw BadInputException.at(data.source(), 0, null, sb.toString());
  }

  @Override
  public int layerIndex() {
    return layer;
  }

  @Override
  public void check(Mlp model, Dataset data) {
    checkLayer(model, layer);
    checkColumns(model, data);
  }

  @Override
  public int units(Mlp model) {
    return model.layer(layer).out();
  }

  @Override
  public boolean physical() {
    return true;
  }

  /** A unit's activations depend only on its own incoming row and the layers below: true. */
  @Override
  public boolean removalKeepsActivations() {
    return true;
  }

  @Override
  public Activation activation(Mlp model) {
    return model.layer(layer).activation();
  }

  @Override
  public double[] activations(Mlp model, Dataset patterns) {
    return model.activations(layer, patterns.x(), patterns.rows());
  }

  /**
   * Backpropagates the per-pattern cross-entropy {@code L_p = −log softmax(z_p)[y_p]} to the activations of
   * the layer: {@code δ = softmax(z) − onehot(y)} at the logits, then for each layer {@code j} above,
   * {@code g_{j−1} = δ_j W_j} and {@code δ_{j−1} = g_{j−1} ⊙ f'(a_{j−1})}, stopping at this layer.
   */
  @Override
  public double[] lossGradients(Mlp model, Dataset patterns) {
    int n = patterns.rows();
    int nl = model.layerCount();
    double[][] acts = new double[nl][];
    double[] cur = patterns.x();
    for (int l = 0; l < nl; l++) {
      DenseLayer d = model.layer(l);
      acts[l] = new double[n * d.out()];
      d.forward(cur, n, acts[l]);
      cur = acts[l];
    }
    int c = model.numClasses();
    double[] delta = new double[n * c];
    double[] z = acts[nl - 1];
    int[] y = patterns.labels();
    for (int p = 0; p < n; p++) SoftmaxCrossEntropy.rowLossAndGradient(z, p * c, c, y[p], delta, p * c);
    for (int j = nl - 1; j > layer; j--) {
      DenseLayer d = model.layer(j);
      int in = d.in();
      int out = d.out();
      double[] g = new double[n * in];
      for (int p = 0; p < n; p++)
        for (int q = 0; q < out; q++) {
          double dq = delta[p * out + q];
          int wo = q * in;
          for (int i = 0; i < in; i++) g[p * in + i] += dq * d.w()[wo + i];
        }
      if (j - 1 == layer) return g;
      Activation f = model.layer(j - 1).activation();
      double[] a = acts[j - 1];
      for (int t = 0; t < g.length; t++) g[t] *= f.derivativeFromOutput(a[t]);
      delta = g;
    }
    throw new IllegalStateException("layer " + layer + " is not a hidden layer");
  }

  @Override
  public double[] incomingWeights(Mlp model, int unit) {
    DenseLayer d = model.layer(layer);
    double[] r = new double[d.in()];
    System.arraycopy(d.w(), unit * d.in(), r, 0, d.in());
    return r;
  }

  @Override
  public double[] outgoingWeights(Mlp model, int unit) {
    DenseLayer d = model.layer(layer + 1);
    double[] r = new double[d.out()];
    for (int q = 0; q < d.out(); q++) r[q] = d.w()[q * d.in() + unit];
    return r;
  }

  @Override
  public Mlp apply(Mlp model, List<UnitFold> folds) {
    return MlpSurgery.apply(model, layer, folds);
  }

  @Override
  public int[] hiddenSizes(Mlp model) {
    int[] s = new int[model.hiddenLayerCount()];
    for (int l = 0; l < s.length; l++) s[l] = model.layer(l).out();
    return s;
  }

  @Override
  public String describe(Mlp model) {
    DenseLayer d = model.layer(layer);
    return "MLP hidden layer " + layer + " (" + d.out() + " " + d.activation().name().toLowerCase(Locale.ROOT)
        + " units)";
  }
}
