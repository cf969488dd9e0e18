package org.distinct.train;

import java.util.ArrayList;
import java.util.List;
import org.distinct.model.Conv1d;
import org.distinct.model.Conv1dLayer;

/**
 * The double-precision reference of Conv1D training: a textbook forward pass that keeps every layer's activations
 * ({@link Conv1dLayer#forward}), global pooling and the read-out, and the backward pass, one sequence at a time with
 * no packing, padding buffers or vectorisation. It defines what the float engine {@link Conv1dBatchEngine} must
 * compute and is what the finite-difference gradient checks and the PyTorch golden tests verify.
 *
 * <p>Loss of a batch: the mean over its sequences of {@code −log softmax(z)_y}, each sequence run on its own. Backward
 * per sequence, with {@code δ = softmax(z) − onehot(y)}:
 *
 * <pre>
 *   ∂W_out += δ pᵀ,  ∂b_out += δ,  ∂p = W_outᵀ δ
 *   ∂a_L[q, o] = ∂p[o] / L'            (average pooling over the L' positions)
 *              = ∂p[o] if q = argmax   (max pooling; the first maximal position, else 0)
 *   per layer l from the last:  ∂z_l = ∂a_l ⊙ f'(a_l)
 *     ∂w_l[o, c, j] += Σ_q ∂z_l[q, o] · x̃_l[q·s + j − p, c],   ∂b_l[o] += Σ_q ∂z_l[q, o]
 *     ∂a_{l−1}[t, c] = Σ_o Σ_j w_l[o, c, j] · ∂z_l[q, o]   over the (q, j) with q·s + j − p = t
 * </pre>
 *
 * where {@code x̃_l} is layer l's input (the sequence, or {@code a_{l−1}}) with its zero padding; padded positions
 * receive no gradient.
 */
public final class Conv1dReference {
  private Conv1dReference() {}

  /**
   * The forward pass of one sequence.
   *
   * @param activations per layer, its output {@code [L'_l × out_l]}
   * @param positions per layer, its output positions {@code L'_l}
   * @param pooled the pooled last-layer features {@code [out_last]}
   * @param argmax max pooling: the first position of each channel's maximum {@code [out_last]}; null for average
   *     pooling
   * @param logits {@code [C]}
   */
  public record Trace(List<double[]> activations, int[] positions, double[] pooled, int[] argmax, double[] logits) {}

  /**
   * Loss and gradients of a batch, every layer's gradient in the {@link Conv1dLayer} layout.
   *
   * @param loss mean cross-entropy over the sequences
   * @param w per layer ∂loss/∂w {@code [out × in × kernel]}
   * @param b per layer ∂loss/∂b {@code [out]}
   * @param wOut ∂loss/∂W_out {@code [C × out_last]}
   * @param bOut ∂loss/∂b_out {@code [C]}
   */
  public record Gradients(double loss, List<double[]> w, List<double[]> b, double[] wOut, double[] bOut) {}

  /**
   * Runs the network over one sequence.
   *
   * @param m the model
   * @param x inputs row-major {@code [T × I]}, {@code T ≥ m.minLength()} (Not modified)
   * @return every layer's activations, the pooled features and the logits
   */
  public static Trace forward(Conv1d m, double[] x) {
    int steps = steps(m, x);
    List<double[]> acts = new ArrayList<>();
    int[] pos = new int[m.layerCount()];
    double[] a = x;
    int len = steps;
    for (int l = 0; l < m.layerCount(); l++) {
      Conv1dLayer c = m.layer(l);
      a = c.forward(a, len);
      len = c.outputLength(len);
      acts.add(a);
      pos[l] = len;
    }
    return readOut(m, acts, pos);
  }

  /**
   * The rest of the network from given activations of one layer (layers above it, pooling, read-out): what finite
   * differences of the activation gradients perturb.
   *
   * @param m the model
   * @param layer the layer whose output is given
   * @param a its activations {@code [positions × out_layer]} (Not modified)
   * @param positions its output positions
   * @return the logits {@code [C]}
   */
  public static double[] logitsFrom(Conv1d m, int layer, double[] a, int positions) {
    List<double[]> acts = new ArrayList<>();
    int[] pos = new int[m.layerCount()];
    for (int l = 0; l <= layer; l++) {
      acts.add(l == layer ? a : null);
      pos[l] = l == layer ? positions : 0;
    }
    double[] cur = a;
    int len = positions;
    for (int l = layer + 1; l < m.layerCount(); l++) {
      Conv1dLayer c = m.layer(l);
      cur = c.forward(cur, len);
      len = c.outputLength(len);
      acts.add(cur);
      pos[l] = len;
    }
    return readOut(m, acts, pos).logits();
  }

  private static Trace readOut(Conv1d m, List<double[]> acts, int[] pos) {
    int last = m.layerCount() - 1;
    double[] a = acts.get(last);
    int len = pos[last];
    int h = m.lastLayer().out();
    double[] p = new double[h];
    int[] arg = m.pool() == Conv1d.Pool.MAX ? new int[h] : null;
    for (int o = 0; o < h; o++) {
      if (arg != null) {
        int best = 0;
        for (int q = 1; q < len; q++) if (a[q * h + o] > a[best * h + o]) best = q;
        arg[o] = best;
        p[o] = a[best * h + o];
      } else {
        double s = 0;
        for (int q = 0; q < len; q++) s += a[q * h + o];
        p[o] = s / len;
      }
    }
    int c = m.numClasses();
    double[] z = new double[c];
    for (int k = 0; k < c; k++) {
      double v = m.bOut()[k];
      for (int o = 0; o < h; o++) v += m.wOut()[k * h + o] * p[o];
      z[k] = v;
    }
    return new Trace(acts, pos, p, arg, z);
  }

  /**
   * Mean cross-entropy of a batch.
   *
   * @param m the model
   * @param sequences inputs, row-major {@code [T_s × I]} each (Not modified)
   * @param labels class per sequence (Not modified)
   * @return the mean loss
   */
  public static double loss(Conv1d m, List<double[]> sequences, int[] labels) {
    double s = 0;
    for (int q = 0; q < sequences.size(); q++) s += RnnReference.crossEntropy(forward(m, sequences.get(q)).logits(), labels[q]);
    return s / sequences.size();
  }

  /**
   * Mean loss of a batch and its gradient with respect to every parameter.
   *
   * @param m the model
   * @param sequences inputs (Not modified)
   * @param labels classes (Not modified)
   * @return loss and gradients
   */
  public static Gradients lossAndGradients(Conv1d m, List<double[]> sequences, int[] labels) {
    int n = sequences.size();
    if (n == 0 || labels.length != n) throw new IllegalArgumentException("need one label per sequence");
    List<double[]> gw = new ArrayList<>();
    List<double[]> gb = new ArrayList<>();
    for (Conv1dLayer c : m.layers()) {
      gw.add(new double[c.w().length]);
      gb.add(new double[c.out()]);
    }
    double[] gWo = new double[m.wOut().length];
    double[] gBo = new double[m.numClasses()];
    double loss = 0;
    for (int s = 0; s < n; s++) {
      Trace tr = forward(m, sequences.get(s));
      loss += RnnReference.crossEntropy(tr.logits(), labels[s]);
      backward(m, sequences.get(s), tr, labels[s], 1.0 / n, new Sink(gw, gb, gWo, gBo, -1, null));
    }
    return new Gradients(loss / n, gw, gb, gWo, gBo);
  }

  /**
   * The gradient of one sequence's cross-entropy with respect to every activation of a layer (the Taylor criterion's
   * {@code ∂L_s/∂a}).
   *
   * @param m the model
   * @param x the sequence (Not modified)
   * @param label its class
   * @param layer the layer
   * @return {@code [L'_layer × out_layer]}, row q = position q
   */
  public static double[] activationGradients(Conv1d m, double[] x, int label, int layer) {
    if (layer < 0 || layer >= m.layerCount()) throw new IllegalArgumentException("layer " + layer + " of " + m.layerCount());
    Trace tr = forward(m, x);
    double[][] out = new double[1][];
    List<double[]> gw = new ArrayList<>();
    List<double[]> gb = new ArrayList<>();
    for (Conv1dLayer c : m.layers()) {
      gw.add(new double[c.w().length]);
      gb.add(new double[c.out()]);
    }
    backward(m, x, tr, label, 1.0, new Sink(gw, gb, new double[m.wOut().length], new double[m.numClasses()], layer, out));
    return out[0];
  }

  /**
   * {@link #activationGradients(Conv1d, double[], int, int)} of every sequence, stacked sequence by sequence (rows
   * aligned with {@link Conv1d#activations}).
   *
   * @param m the model
   * @param sequences the sequences (Not modified)
   * @param labels their classes (Not modified)
   * @param layer the layer
   * @return {@code [Σ_s L'_layer(T_s) × out_layer]}
   */
  public static double[] activationGradients(Conv1d m, List<double[]> sequences, int[] labels, int layer) {
    List<double[]> parts = new ArrayList<>();
    long total = 0;
    for (int s = 0; s < sequences.size(); s++) {
      double[] g = activationGradients(m, sequences.get(s), labels[s], layer);
      parts.add(g);
      total += g.length;
    }
    if (total > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("too many activations for one array: " + total);
    double[] out = new double[(int) total];
    int pos = 0;
    for (double[] p : parts) {
      System.arraycopy(p, 0, out, pos, p.length);
      pos += p.length;
    }
    return out;
  }

  /** Where a backward pass puts its results: gradients (accumulated) and, optionally, one layer's ∂L/∂a. */
  private record Sink(List<double[]> w, List<double[]> b, double[] wOut, double[] bOut, int captureLayer, double[][] captured) {}

  /** Backward pass of one sequence, every gradient scaled by {@code scale} (1/n for a batch mean). */
  private static void backward(Conv1d m, double[] x, Trace tr, int y, double scale, Sink sink) {
    int c = m.numClasses();
    int h = m.lastLayer().out();
    double[] z = tr.logits();
    double[] dz = new double[c];
    SoftmaxCrossEntropy.rowLossAndGradient(z, 0, c, y, dz, 0);
    double[] dp = new double[h];
    for (int k = 0; k < c; k++) {
      double d = dz[k] * scale;
      sink.bOut()[k] += d;
      for (int o = 0; o < h; o++) {
        sink.wOut()[k * h + o] += d * tr.pooled()[o];
        dp[o] += m.wOut()[k * h + o] * d;
      }
    }
    int last = m.layerCount() - 1;
    int len = tr.positions()[last];
    double[] da = new double[len * h];
    for (int o = 0; o < h; o++) {
      if (tr.argmax() != null) da[tr.argmax()[o] * h + o] = dp[o];
      else for (int q = 0; q < len; q++) da[q * h + o] = dp[o] / len;
    }
    for (int l = last; l >= 0; l--) {
      if (l == sink.captureLayer()) {
        sink.captured()[0] = da;
        return;
      }
      double[] in = l == 0 ? x : tr.activations().get(l - 1);
      int inLen = l == 0 ? x.length / m.inputSize() : tr.positions()[l - 1];
      da = layerBackward(m.layer(l), in, inLen, tr.activations().get(l), tr.positions()[l], da, sink.w().get(l), sink.b().get(l), l > 0);
    }
  }

  /**
   * One layer: from ∂L/∂a of its output to its parameter gradients (accumulated) and ∂L/∂(its input).
   *
   * @return ∂L/∂input {@code [inLen × in]}, or null when not wanted
   */
  private static double[] layerBackward(Conv1dLayer c, double[] in, int inLen, double[] a, int len, double[] da, double[] gw, double[] gb,
      boolean wantInput) {
    int k = c.kernel();
    int ci = c.in();
    int co = c.out();
    double[] dIn = wantInput ? new double[inLen * ci] : null;
    for (int q = 0; q < len; q++)
      for (int o = 0; o < co; o++) {
        double dz = da[q * co + o] * c.activation().derivativeFromOutput(a[q * co + o]);
        if (dz == 0) continue;
        gb[o] += dz;
        for (int cc = 0; cc < ci; cc++)
          for (int j = 0; j < k; j++) {
            int t = q * c.stride() + j - c.padding();
            if (t < 0 || t >= inLen) continue;
            int wi = (o * ci + cc) * k + j;
            gw[wi] += dz * in[t * ci + cc];
            if (dIn != null) dIn[t * ci + cc] += c.w()[wi] * dz;
          }
      }
    return dIn;
  }

  private static int steps(Conv1d m, double[] x) {
    int in = m.inputSize();
    if (x.length == 0 || x.length % in != 0)
      throw new IllegalArgumentException("a sequence has " + x.length + " values, not a positive multiple of " + in);
    int steps = x.length / in;
    if (steps < m.minLength())
      throw new IllegalArgumentException("a sequence of " + steps + " steps is shorter than the " + m.minLength() + " the Conv1D needs");
    return steps;
  }
}
