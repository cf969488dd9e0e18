package org.distinct.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The per-element factors of an optimizer's update over one flat buffer: 1 everywhere but in the
 * {@link UpdateScale} ranges. Shared by {@link Adam} and {@link SgdMomentum}: they walk the buffer range by range
 * ({@link #segments}), each range with its factor.
 */
final class FlatBuffer {
  private FlatBuffer() {}

  /**
   * Splits {@code [0, n)} into consecutive segments of constant factor.
   *
   * @param n buffer length
   * @param scales scaled ranges (must lie inside the buffer and not overlap)
   * @return {@code {from, to, factorIndex}} per segment, where factor index −1 means 1 and {@code k} means
   *     {@code scales.get(k).factor()}
   */
  static int[][] segments(int n, List<UpdateScale> scales) {
    int[] owner = new int[n];
    Arrays.fill(owner, -1);
    for (int k = 0; k < scales.size(); k++) {
      UpdateScale s = scales.get(k);
      if (s.offset() + s.length() > n)
        throw new IllegalArgumentException("update scale " + s + " outside a buffer of " + n);
      for (int i = s.offset(); i < s.offset() + s.length(); i++) {
        if (owner[i] != -1) throw new IllegalArgumentException("update scales overlap at " + i);
        owner[i] = k;
      }
    }
    List<int[]> out = new ArrayList<>();
    int from = 0;
    for (int i = 1; i <= n; i++)
      if (i == n || owner[i] != owner[from]) {
        out.add(new int[] {from, i, owner[from]});
        from = i;
      }
    return out.toArray(new int[0][]);
  }

  /** Checks that params and grads have the length of the state. */
  static void check(int params, int grads, int state) {
    if (params != grads) throw new IllegalArgumentException(params + " parameters but " + grads + " gradients");
    if (params != state)
      throw new IllegalArgumentException("the optimizer was set up for " + state + " parameters, got " + params);
  }
}
