package org.distinct.prune;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.distinct.BadInputException;
import org.distinct.data.SequenceDataset;
import org.distinct.model.Activation;
import org.distinct.model.ElmanRnn;
import org.distinct.train.RnnReference;
import org.distinct.train.SoftmaxCrossEntropy;

/**
 * {@link PruningTarget} for the hidden layer of an {@link ElmanRnn} over a {@link SequenceDataset}
 * (distinctiveness spec, "Recurrent networks"), so that {@link DistinctivenessPruner}, {@link Criteria},
 * {@link CriterionPruner} and {@link PruningSchedule} run on the RNN unchanged.
 *
 * <ul>
 *   <li>Activation vectors: the hidden states {@code h_t} (tanh, centre 0) at every time step t = 1..T of
 *       every pattern sequence, sequence by sequence, one row per step; or, with {@code lastStepOnly}, only
 *       {@code h_T} of each sequence.
 *   <li>Outgoing weights of unit h: column h of {@code W_hh} ({@code [H]}) followed by column h of
 *       {@code W_out} ({@code [C]}); incoming weights: row h of {@code W_ih} ({@code [I]}) followed by row h
 *       of {@code W_hh} ({@code [H]}), bias excluded.
 *   <li>Removal: {@link Mode#STRUCTURAL} deletes units physically ({@link RnnSurgery#apply}, folds into the
 *       kept unit's recurrent and output columns and into {@code b} and {@code b_out});
 *       {@link Mode#MASK} is the paper's variant ({@link RnnSurgery#mask}: incoming rows and bias zeroed,
 *       dimensions unchanged, the folds' α and β ignored because the paper did not move outgoing weights);
 *       masked units are {@linkplain #active inactive} and never chosen again. The parameter count and
 *       hidden size reported for a mask-mode model are those of its storage (they do not fall).
 *   <li>Loss gradients ({@link #lossGradients}, for the Taylor criterion): for the row of step t of sequence
 *       s, {@code ∂L_s/∂h_t} by back-propagation through time in double precision (textbook loop on
 *       {@link RnnReference#states}): {@code g_T = W_outᵀ(softmax(z) − onehot(y))},
 *       {@code g_{t−1} = W_hhᵀ(g_t ⊙ (1 − h_t²))}; g_t is the derivative of the sequence's cross-entropy
 *       with respect to a perturbation added to {@code h_t} (all later steps included). Hence the Taylor
 *       score of unit u is {@code |(1/N) Σ_s Σ_t h_t[u]·∂L_s/∂h_t[u]|} (N = number of rows = total steps),
 *       and {@code Σ_t h_t[u]·∂L_s/∂h_t[u]} is exactly {@code dL_s/dγ} at γ = 1 for a gain γ multiplying the
 *       unit's output at every step: the first-order loss change when the unit is switched off at all steps
 *       at once. With {@code lastStepOnly} the rows hold {@code ∂L_s/∂h_T} only.
 * </ul>
 *
 * @param mode structural (default) or mask
 * @param lastStepOnly use only the last hidden state of each sequence as activation rows
 */
public record RnnTarget(Mode mode, boolean lastStepOnly) implements NetworkTarget<ElmanRnn, SequenceDataset> {

  /** How units are removed. */
  public enum Mode {
    /** Merge outgoing columns and delete the unit's rows and columns: a truly smaller RNN (distinct's default). */
    STRUCTURAL,
    /** The paper's variant: zero the unit's incoming weights and bias; dimensions unchanged. */
    MASK;

    /**
     * @param text {@code structural} or {@code mask} (case-insensitive)
     * @return the mode
     * @throws IllegalArgumentException for another text
     */
    public static Mode parse(String text) {
      switch (text.trim().toLowerCase(Locale.ROOT)) {
        case "structural":
          return STRUCTURAL;
        case "mask":
          return MASK;
        default:
          throw new IllegalArgumentException("unknown RNN pruning mode '" + text + "' (structural, mask)");
      }
    }

    /** @return the lower-case name used in options and study files */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Checks the mode. */
  public RnnTarget {
    if (mode == null) throw new IllegalArgumentException("mode is null");
  }

  /** Structural removal over all time steps (the defaults). */
  public RnnTarget() {
    this(Mode.STRUCTURAL, false);
  }

  /**
   * @param mode the removal mode, over all time steps
   */
  public RnnTarget(Mode mode) {
    this(mode, false);
  }

  @Override
  public int layerIndex() {
    return 0;
  }

  /**
   * @throws BadInputException when the data have no sequence, another number of values per step than the
   *     model's inputs, or a label the model cannot output
   */
  @Override
  public void check(ElmanRnn model, SequenceDataset data) {
    if (data.size() == 0) throw BadInputException.at(data.source(), 0, null, "has no sequences");
    if (data.inputSize() != model.inputSize())
      throw BadInputException.at(
          data.source(), 0, null,
          "has " + data.inputSize() + " value(s) per time step but the RNN expects " + model.inputSize());
    for (int s = 0; s < data.size(); s++)
      if (data.labels()[s] >= model.numClasses())
        throw BadInputException.at(
            data.source(), 0, null,
            "sequence " + (s + 1) + " has class " + data.labels()[s] + " but the RNN has only " + model.numClasses() + " classes");
  }

  @Override
  public int units(ElmanRnn model) {
    return model.hiddenSize();
  }

  /** @return false for a unit masked by mask-mode pruning ({@link RnnSurgery#masked}); always true in structural mode */
  @Override
  public boolean active(ElmanRnn model, int unit) {
    return mode == Mode.STRUCTURAL || !RnnSurgery.masked(model, unit);
  }

  @Override
  public boolean physical() {
    return mode == Mode.STRUCTURAL;
  }

  /** @return false: removing a recurrent unit changes the other units' states (angles are recomputed) */
  @Override
  public boolean removalKeepsActivations() {
    return false;
  }

  @Override
  public Activation activation(ElmanRnn model) {
    return Activation.TANH;
  }

  @Override
  public double[] activations(ElmanRnn model, SequenceDataset patterns) {
    return model.hiddenStates(patterns, lastStepOnly);
  }

  @Override
  public double[] lossGradients(ElmanRnn model, SequenceDataset patterns) {
    int h = model.hiddenSize();
    int c = model.numClasses();
    int in = model.inputSize();
    int n = patterns.size();
    long rows = 0;
    for (int s = 0; s < n; s++) rows += lastStepOnly ? 1 : patterns.length(s);
    if (rows * h > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("too many hidden states for one array: " + rows + " x " + h);
    double[] out = new double[(int) rows * h];
    double[] wHh = model.wHh();
    double[] wOut = model.wOut();
    double[] g = new double[h];
    double[] gp = new double[h];
    double[] d = new double[h];
    double[] z = new double[c];
    int base = 0;
    for (int s = 0; s < n; s++) {
      double[] x = patterns.series().get(s);
      int steps = x.length / in;
      double[] hs = RnnReference.states(model, x); // [(steps + 1) × h]
      int last = steps * h;
      for (int q = 0; q < c; q++) {
        double v = model.bOut()[q];
        for (int j = 0; j < h; j++) v += wOut[q * h + j] * hs[last + j];
        z[q] = v;
      }
      SoftmaxCrossEntropy.rowLossAndGradient(z, 0, c, patterns.labels()[s], z, 0);
      Arrays.fill(g, 0.0);
      for (int q = 0; q < c; q++) {
        double dz = z[q];
        for (int j = 0; j < h; j++) g[j] += wOut[q * h + j] * dz;
      }
      if (lastStepOnly) {
        System.arraycopy(g, 0, out, base, h);
        base += h;
        continue;
      }
      for (int t = steps; t >= 1; t--) {
        System.arraycopy(g, 0, out, base + (t - 1) * h, h);
        if (t == 1) break;
        for (int i = 0; i < h; i++) {
          double ht = hs[t * h + i];
          d[i] = g[i] * (1 - ht * ht);
        }
        Arrays.fill(gp, 0.0);
        for (int i = 0; i < h; i++) {
          double di = d[i];
          int row = i * h;
          for (int j = 0; j < h; j++) gp[j] += wHh[row + j] * di;
        }
        double[] tmp = g;
        g = gp;
        gp = tmp;
      }
      base += steps * h;
    }
    return out;
  }

  @Override
  public double[] incomingWeights(ElmanRnn model, int unit) {
    int h = model.hiddenSize();
    int in = model.inputSize();
    double[] r = new double[in + h];
    System.arraycopy(model.wIh(), unit * in, r, 0, in);
    System.arraycopy(model.wHh(), unit * h, r, in, h);
    return r;
  }

  @Override
  public double[] outgoingWeights(ElmanRnn model, int unit) {
    int h = model.hiddenSize();
    int c = model.numClasses();
    double[] r = new double[h + c];
    for (int i = 0; i < h; i++) r[i] = model.wHh()[i * h + unit];
    for (int q = 0; q < c; q++) r[h + q] = model.wOut()[q * h + unit];
    return r;
  }

  /**
   * Structural: {@link RnnSurgery#apply}. Mask: {@link RnnSurgery#mask} of every fold's removed unit (α, β
   * and the fold targets are ignored).
   */
  @Override
  public ElmanRnn apply(ElmanRnn model, List<UnitFold> folds) {
    if (mode == Mode.STRUCTURAL) return RnnSurgery.apply(model, folds);
    int[] units = new int[folds.size()];
    for (int i = 0; i < units.length; i++) units[i] = folds.get(i).removed();
    return RnnSurgery.mask(model, units);
  }

  @Override
  public int[] hiddenSizes(ElmanRnn model) {
    return new int[] {model.hiddenSize()};
  }

  @Override
  public String describe(ElmanRnn model) {
    int h = model.hiddenSize();
    String steps = lastStepOnly ? "last step only" : "all time steps";
    if (mode == Mode.STRUCTURAL) return "Elman RNN hidden layer (" + h + " tanh units, structural removal, " + steps + ")";
    int masked = 0;
    for (int u = 0; u < h; u++) if (RnnSurgery.masked(model, u)) masked++;
    return "Elman RNN hidden layer (" + h + " tanh units, " + masked + " masked; mask mode, the paper's variant, " + steps + ")";
  }
}
