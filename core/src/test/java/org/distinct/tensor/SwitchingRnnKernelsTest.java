package org.distinct.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.distinct.data.SequenceDataset;
import org.distinct.model.ElmanRnn;
import org.distinct.train.ElmanArchitecture;
import org.distinct.train.OptimizerConfig;
import org.distinct.train.RnnTestData;
import org.distinct.train.SequenceTrainConfig;
import org.distinct.train.SequenceTrainer;
import org.junit.jupiter.api.Test;

/**
 * The Elman RNN's start-up kernels: plain until the switch, vector after it, and the switch invisible in the results
 * (the plain kernels mirror the vector ones bit for bit with the same padding, so a training run that switches in the
 * middle, with two worker threads, trains the weights of a run on either implementation alone).
 */
class SwitchingRnnKernelsTest {

  /** Kernels that log which implementation ran each call and otherwise do nothing. */
  private static RnnKernels logging(String name, int lanes, List<String> log) {
    return (RnnKernels) Proxy.newProxyInstance(RnnKernels.class.getClassLoader(), new Class<?>[] {RnnKernels.class},
        (p, m, a) -> switch (m.getName()) {
          case "name" -> name;
          case "paddedSize" -> ((int) a[0] + lanes - 1) / lanes * lanes;
          default -> {
            log.add(name + " " + m.getName() + (m.getParameterTypes()[0] == double[].class ? "(double)" : ""));
            yield m.getReturnType() == int.class ? 0 : null;
          }
        });
  }

  /** Calls every kernel method once. */
  private static void callAll(RnnKernels k) {
    double[] d = new double[16];
    float[] f = new float[16];
    k.forward(d, d, d, 1, 1, 16, d, 0, 1, 1, d, true);
    k.forward2(d, d, d, 1, 1, 16, d, 0, d, d, 0, d, 1, 1, false);
    k.forward(f, f, f, 1, 1, 16, f, 0, 1, 1, f);
    k.forward2(f, f, f, 1, 1, 16, f, 0, f, f, 0, f, 1, 1);
    k.backward(f, 1, 16, f, f, f, 0, 0);
    k.backward2(f, 1, 16, f, f, f, 0, f, f, f, 0, 0);
    k.accumulateGradients(f, f, f, 0, 1, 1, 16, 1, 0, f, f, f);
  }

  private static List<String> expected(String name) {
    return List.of(name + " forward(double)", name + " forward2(double)", name + " forward", name + " forward2",
        name + " backward", name + " backward2", name + " accumulateGradients");
  }

  @Test
  void runsThePlainKernelsUntilTheSwitchAndTheVectorOnesAfter() {
    List<String> log = new ArrayList<>();
    SwitchingRnnKernels k = new SwitchingRnnKernels(logging("plain", 16, log), logging("vector-512", 16, log));
    callAll(k);
    assertThat(log).isEqualTo(expected("plain"));
    assertThat(k.vectorActive()).isFalse();
    assertThat(k.name()).isEqualTo("vector-512 (plain until compiled)");
    assertThat(k.paddedSize(17, false)).isEqualTo(32);
    log.clear();
    k.useVector();
    callAll(k);
    assertThat(log).isEqualTo(expected("vector-512"));
    assertThat(k.vectorActive()).isTrue();
    assertThat(k.name()).isEqualTo("vector-512");
  }

  @Test
  void refusesKernelsThatPadDifferently() {
    List<String> log = new ArrayList<>();
    assertThatThrownBy(() -> new SwitchingRnnKernels(logging("plain", 1, log), logging("vector", 16, log)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pad");
    RnnKernels v = RnnKernelsProvider.vectorized().orElseThrow();
    assertThatThrownBy(() -> new SwitchingRnnKernels(new PlainRnnKernels(), v)).isInstanceOf(IllegalArgumentException.class);
  }

  /** Kernels that count calls and switch {@code k} to vector at call number {@code at}. */
  private static RnnKernels switchingAt(SwitchingRnnKernels k, long at, AtomicLong calls) {
    return (RnnKernels) Proxy.newProxyInstance(RnnKernels.class.getClassLoader(), new Class<?>[] {RnnKernels.class},
        (p, m, a) -> {
          if (!m.getName().equals("paddedSize") && !m.getName().equals("name") && calls.incrementAndGet() == at) k.useVector();
          return invoke(m, k, a);
        });
  }

  private static Object invoke(Method m, Object target, Object[] a) throws Throwable {
    try {
      return m.invoke(target, a);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static ElmanRnn train(RnnKernels k, SequenceDataset data, int hidden, int truncation, int epochs) {
    SequenceTrainConfig c = new SequenceTrainConfig(new int[] {hidden}, OptimizerConfig.adam(0.01), 8, epochs, truncation, 0, true, 2);
    return new SequenceTrainer<>(c, new ElmanArchitecture(k)).train(data, null, 21).model();
  }

  @Test
  void aSwitchInTheMiddleOfATrainingRunGivesTheSameWeightsBitForBit() {
    RnnKernels plain = RnnKernelsProvider.plain();
    RnnKernels vector = RnnKernelsProvider.vectorized().orElseThrow();
    SequenceDataset data = RnnTestData.learnable(21, 4, 30, 3, 13);
    for (int hidden : new int[] {13, 50})
      for (int truncation : new int[] {0, 6}) {
        String what = "hidden " + hidden + ", truncation " + truncation;
        ElmanRnn onPlain = train(plain, data, hidden, truncation, 3);
        ElmanRnn onVector = train(vector, data, hidden, truncation, 3);
        AtomicLong total = new AtomicLong();
        train(switchingAt(new SwitchingRnnKernels(plain, vector), -1, total), data, hidden, truncation, 3);
        AtomicLong calls = new AtomicLong();
        SwitchingRnnKernels sw = new SwitchingRnnKernels(plain, vector);
        ElmanRnn switched = train(switchingAt(sw, total.get() / 2, calls), data, hidden, truncation, 3);
        assertThat(sw.vectorActive()).as(what + ": switched").isTrue();
        assertThat(calls.get()).isEqualTo(total.get());
        assertThat(switched).as(what + ": switched vs plain").isEqualTo(onPlain);
        assertThat(switched).as(what + ": switched vs vector").isEqualTo(onVector);
        assertThat(train(new PlainRnnKernels(), data, hidden, truncation, 3)).as(what + ": unpadded plain").isEqualTo(onVector);
        assertThat(train(plain, data, hidden, truncation, 2)).as(what + ": training changes the weights").isNotEqualTo(onPlain);
      }
  }
}
