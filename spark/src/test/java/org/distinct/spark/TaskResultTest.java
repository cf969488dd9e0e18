package org.distinct.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A task's answer survives its trip as one string, whatever its payload holds. */
class TaskResultTest {
  @Test
  void resultsAndErrorsRoundTripWithLineBreaksInThePayload() {
    SplittableRandom rnd = new SplittableRandom(5);
    for (int i = 0; i < 50; i++) {
      StringBuilder payload = new StringBuilder();
      for (int k = rnd.nextInt(40); k > 0; k--) payload.append("ab\n{}:\" 0.1".charAt(rnd.nextInt(11)));
      TaskResult ok = TaskResult.ok("executor " + i + " on host\nh", "K" + i, payload.toString());
      TaskResult back = TaskResult.decode(ok.encode());
      assertThat(back.ok()).isTrue();
      assertThat(back.payload()).isEqualTo(payload.toString());
      assertThat(back.kernels()).isEqualTo("K" + i);
      assertThat(back.executor()).isEqualTo("executor " + i + " on host h");
      TaskResult err = TaskResult.decode(TaskResult.error("x", payload.toString()).encode());
      assertThat(err.ok()).isFalse();
      assertThat(err.payload()).isEqualTo(payload.toString());
    }
    assertThatThrownBy(() -> TaskResult.decode("maybe\na\nb\nc")).isInstanceOf(IllegalStateException.class);
  }
}
