package org.distinct.train;

import java.util.List;
import org.distinct.model.ElmanRnn;

/**
 * The double-precision reference of RNN training: a textbook forward pass and back-propagation through time
 * (BPTT), one sequence at a time, with no packing, padding or vectorisation. It defines what the fast float
 * path of {@link RnnTrainer} must compute and is what the finite-difference gradient checks and PyTorch
 * golden tests verify.
 *
 * <p>Model (Elman 1990; the paper's many-to-one RNN): {@code h_0 = 0}, {@code h_t = tanh(W_ih x_t + W_hh
 * h_{t−1} + b)}, {@code z = W_out h_T + b_out}. Loss of a batch: the mean over its sequences of the
 * cross-entropy {@code −log softmax(z)_y} of each sequence at its own last step (sequences of different
 * lengths are each processed from their own h_0, so a batch gives exactly the mean of its members).
 *
 * <p>Gradients, per sequence: {@code ∂L/∂z = softmax(z) − onehot(y)}; {@code g_T = W_outᵀ ∂L/∂z};
 * {@code δ_t = g_t ⊙ (1 − h_t²)}, {@code g_{t−1} = W_hhᵀ δ_t}; {@code ∂W_hh = Σ_t δ_t h_{t−1}ᵀ},
 * {@code ∂W_ih = Σ_t δ_t x_tᵀ}, {@code ∂b = Σ_t δ_t}. Truncation k > 0 sums only over the last k steps
 * (t = T−k+1..T), i.e. h_{T−k} is treated as a constant, as {@code h.detach()} does in PyTorch.
 */
public final class RnnReference {
  private RnnReference() {}

  /**
   * Loss and gradients of a batch (all arrays in the model's PyTorch layout).
   *
   * @param loss mean cross-entropy over the sequences
   * @param wIh ∂loss/∂W_ih {@code [H × I]}
   * @param wHh ∂loss/∂W_hh {@code [H × H]}
   * @param b ∂loss/∂b {@code [H]}
   * @param wOut ∂loss/∂W_out {@code [C × H]}
   * @param bOut ∂loss/∂b_out {@code [C]}
   */
  public record Gradients(double loss, double[] wIh, double[] wHh, double[] b, double[] wOut, double[] bOut) {}

  /**
   * All hidden states of one sequence.
   *
   * @param m the model
   * @param x inputs row-major {@code [T × I]} (Not modified)
   * @return row-major {@code [(T + 1) × H]}, row 0 = h_0 = 0
   */
  public static double[] states(ElmanRnn m, double[] x) {
    int in = m.inputSize();
    int h = m.hiddenSize();
    int steps = x.length / in;
    double[] wIh = m.wIh();
    double[] wHh = m.wHh();
    double[] b = m.b();
    double[] s = new double[(steps + 1) * h];
    for (int t = 1; t <= steps; t++) {
      for (int i = 0; i < h; i++) {
        double a = b[i];
        for (int k = 0; k < in; k++) a += wIh[i * in + k] * x[(t - 1) * in + k];
        for (int j = 0; j < h; j++) a += wHh[i * h + j] * s[(t - 1) * h + j];
        s[t * h + i] = Math.tanh(a);
      }
    }
    return s;
  }

  /**
   * Logits of one sequence.
   *
   * @param m the model
   * @param x inputs row-major {@code [T × I]} (Not modified)
   * @return {@code [C]}
   */
  public static double[] logits(ElmanRnn m, double[] x) {
    int steps = x.length / m.inputSize();
    return readOut(m, states(m, x), steps * m.hiddenSize());
  }

  private static double[] readOut(ElmanRnn m, double[] hs, int off) {
    int h = m.hiddenSize();
    double[] z = new double[m.numClasses()];
    for (int c = 0; c < z.length; c++) {
      double s = m.bOut()[c];
      for (int j = 0; j < h; j++) s += m.wOut()[c * h + j] * hs[off + j];
      z[c] = s;
    }
    return z;
  }

  /**
   * Cross-entropy of one logit vector, computed stably ({@code logsumexp(z) − z_y}).
   *
   * @param z logits (Not modified)
   * @param y true class
   * @return {@code −log softmax(z)_y}
   */
  public static double crossEntropy(double[] z, int y) {
    return SoftmaxCrossEntropy.rowLoss(z, 0, z.length, y);
  }

  /**
   * Mean cross-entropy of a batch.
   *
   * @param m the model
   * @param sequences inputs, row-major {@code [T_s × I]} each (Not modified)
   * @param labels class per sequence (Not modified)
   * @return the mean loss
   */
  public static double loss(ElmanRnn m, List<double[]> sequences, int[] labels) {
    double s = 0;
    for (int q = 0; q < sequences.size(); q++) s += crossEntropy(logits(m, sequences.get(q)), labels[q]);
    return s / sequences.size();
  }

  /**
   * The function whose exact gradient truncated BPTT computes: the loss where the states up to h_{T−k} come
   * from {@code frozen} and the last k steps and the read-out use {@code live} (with {@code live == frozen}
   * this is {@link #loss}). Used by the finite-difference check of truncation.
   *
   * @param frozen parameters for the steps before the window
   * @param live parameters for the window and the read-out
   * @param sequences inputs (Not modified)
   * @param labels classes (Not modified)
   * @param truncation k ≥ 1
   * @return the mean loss
   */
  public static double truncatedLoss(ElmanRnn frozen, ElmanRnn live, List<double[]> sequences, int[] labels, int truncation) {
    int in = live.inputSize();
    int h = live.hiddenSize();
    double total = 0;
    for (int q = 0; q < sequences.size(); q++) {
      double[] x = sequences.get(q);
      int steps = x.length / in;
      int lo = Math.max(1, steps - truncation + 1);
      double[] fs = states(frozen, x);
      double[] prev = new double[h];
      System.arraycopy(fs, (lo - 1) * h, prev, 0, h);
      for (int t = lo; t <= steps; t++) {
        double[] cur = new double[h];
        for (int i = 0; i < h; i++) {
          double a = live.b()[i];
          for (int k = 0; k < in; k++) a += live.wIh()[i * in + k] * x[(t - 1) * in + k];
          for (int j = 0; j < h; j++) a += live.wHh()[i * h + j] * prev[j];
          cur[i] = Math.tanh(a);
        }
        prev = cur;
      }
      total += crossEntropy(readOut(live, prev, 0), labels[q]);
    }
    return total / sequences.size();
  }

  /**
   * Loss and gradients of a batch by (optionally truncated) BPTT.
   *
   * @param m the model
   * @param sequences inputs, row-major {@code [T_s × I]} each, lengths may differ (Not modified)
   * @param labels class per sequence (Not modified)
   * @param truncation 0 for full BPTT, else back-propagate through the last {@code truncation} steps only
   * @return mean loss and its gradients
   */
  public static Gradients lossAndGradients(ElmanRnn m, List<double[]> sequences, int[] labels, int truncation) {
    if (truncation < 0) throw new IllegalArgumentException("truncation must be >= 0: " + truncation);
    if (sequences.isEmpty() || labels.length != sequences.size())
      throw new IllegalArgumentException("need one label per sequence and at least one sequence");
    int in = m.inputSize();
    int h = m.hiddenSize();
    int c = m.numClasses();
    double[] gWih = new double[h * in];
    double[] gWhh = new double[h * h];
    double[] gb = new double[h];
    double[] gWout = new double[c * h];
    double[] gbOut = new double[c];
    double loss = 0;
    int n = sequences.size();
    for (int q = 0; q < n; q++) {
      double[] x = sequences.get(q);
      int steps = x.length / in;
      double[] hs = states(m, x);
      double[] z = readOut(m, hs, steps * h);
      double[] dz = new double[c];
      loss += SoftmaxCrossEntropy.rowLossAndGradient(z, 0, c, labels[q], dz, 0);
      for (int k = 0; k < c; k++) dz[k] = dz[k] / n;
      double[] g = new double[h];
      for (int k = 0; k < c; k++) {
        gbOut[k] += dz[k];
        for (int j = 0; j < h; j++) {
          gWout[k * h + j] += dz[k] * hs[steps * h + j];
          g[j] += m.wOut()[k * h + j] * dz[k];
        }
      }
      int lo = truncation == 0 ? 1 : Math.max(1, steps - truncation + 1);
      for (int t = steps; t >= lo; t--) {
        double[] d = new double[h];
        for (int i = 0; i < h; i++) {
          double ht = hs[t * h + i];
          d[i] = g[i] * (1 - ht * ht);
        }
        for (int i = 0; i < h; i++) {
          gb[i] += d[i];
          for (int k = 0; k < in; k++) gWih[i * in + k] += d[i] * x[(t - 1) * in + k];
          for (int j = 0; j < h; j++) gWhh[i * h + j] += d[i] * hs[(t - 1) * h + j];
        }
        double[] gp = new double[h];
        for (int i = 0; i < h; i++) for (int j = 0; j < h; j++) gp[j] += m.wHh()[i * h + j] * d[i];
        g = gp;
      }
    }
    return new Gradients(loss / n, gWih, gWhh, gb, gWout, gbOut);
  }
}
