package org.distinct.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The warm-up's stopping rule, with made-up round times (no real kernels, no real timing). */
class WarmupRaceTest {

  @Test
  void endsAfterThreeVectorWinsInARow() {
    AtomicInteger vectorRounds = new AtomicInteger();
    // the "vector" kernels are slow for 5 rounds, win once, lose once, then win from round 8 on
    WarmupRace<String> race = new WarmupRace<>(k -> {
      if (k.equals("plain")) return 100;
      int round = vectorRounds.incrementAndGet();
      return round <= 5 || round == 7 ? 1000 : 10;
    });
    assertThat(race.run("vector", "plain", 10_000_000_000L)).isTrue();
    assertThat(vectorRounds.get()).isEqualTo(7 + WarmupRace.WINS);
  }

  @Test
  void givesUpAtTheTimeLimitWhenTheVectorKernelsNeverWin() {
    AtomicInteger rounds = new AtomicInteger();
    WarmupRace<String> race = new WarmupRace<>(k -> {
      rounds.incrementAndGet();
      return k.equals("plain") ? 10 : 1000;
    });
    long t0 = System.nanoTime();
    assertThat(race.run("vector", "plain", 50_000_000L)).isFalse();
    assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(50_000_000L);
    assertThat(rounds.get()).isGreaterThan(0);
  }

  @Test
  void aFastVectorRoundThatAllocatedIsNoWin() {
    AtomicInteger vectorRounds = new AtomicInteger();
    long[] allocated = {0};
    // the "vector" kernels are always faster, but box their vectors (allocate) in their first 6 rounds
    WarmupRace<String> race = new WarmupRace<>(k -> {
      if (k.equals("vector") && vectorRounds.incrementAndGet() <= 6) allocated[0] += 96;
      return k.equals("plain") ? 100 : 10;
    }, () -> allocated[0]);
    assertThat(race.run("vector", "plain", 10_000_000_000L)).isTrue();
    assertThat(vectorRounds.get()).isEqualTo(6 + WarmupRace.WINS);
  }

  @Test
  void withoutAnAllocationCounterTheTimingAloneDecides() {
    AtomicInteger vectorRounds = new AtomicInteger();
    WarmupRace<String> race = new WarmupRace<>(k -> {
      if (k.equals("vector")) vectorRounds.incrementAndGet();
      return k.equals("plain") ? 100 : 10;
    }, () -> -1);
    assertThat(race.run("vector", "plain", 10_000_000_000L)).isTrue();
    assertThat(vectorRounds.get()).isEqualTo(WarmupRace.WINS);
  }

  @Test
  void aTimingOnlyRaceIgnoresAllocation() {
    AtomicInteger vectorRounds = new AtomicInteger();
    List<byte[]> kept = new ArrayList<>();
    WarmupRace<String> race = WarmupRace.timingOnly(k -> {
      if (k.equals("vector")) {
        vectorRounds.incrementAndGet();
        kept.add(new byte[4096]); // a real allocation, which a counting race would see
      }
      return k.equals("plain") ? 100 : 10;
    });
    assertThat(race.run("vector", "plain", 10_000_000_000L)).isTrue();
    assertThat(vectorRounds.get()).isEqualTo(WarmupRace.WINS);
    assertThat(kept).hasSize(WarmupRace.WINS);
  }

  @Test
  void aCountingRaceSeesARealAllocation() {
    AtomicInteger vectorRounds = new AtomicInteger();
    List<byte[]> kept = new ArrayList<>();
    WarmupRace<String> race = new WarmupRace<>(k -> {
      if (k.equals("vector") && vectorRounds.incrementAndGet() <= 2) kept.add(new byte[4096]);
      return k.equals("plain") ? 100 : 10;
    });
    assertThat(race.run("vector", "plain", 10_000_000_000L)).isTrue();
    assertThat(vectorRounds.get()).isEqualTo(2 + WarmupRace.WINS);
  }

  @Test
  void withoutC2TheRaceEndsAfterItsCheckNotAtItsLimit() {
    AtomicInteger asked = new AtomicInteger();
    WarmupRace<String> race = WarmupRace.<String>timingOnly(k -> k.equals("plain") ? 10 : 1000).withC2Absent(() -> {
      asked.incrementAndGet();
      return true;
    });
    long t0 = System.nanoTime();
    assertThat(race.run("vector", "plain", 20_000_000_000L)).isFalse();
    long took = System.nanoTime() - t0;
    assertThat(took).isGreaterThanOrEqualTo(WarmupRace.C2_CHECK_NANOS).isLessThan(WarmupRace.PATIENT_NANOS);
    assertThat(asked.get()).isEqualTo(1);
  }

  @Test
  void withC2TheRaceAsksOnceAndGoesOn() {
    AtomicInteger asked = new AtomicInteger();
    WarmupRace<String> race = WarmupRace.<String>timingOnly(k -> k.equals("plain") ? 10 : 1000).withC2Absent(() -> {
      asked.incrementAndGet();
      return false;
    });
    long t0 = System.nanoTime();
    assertThat(race.run("vector", "plain", WarmupRace.C2_CHECK_NANOS + 300_000_000L)).isFalse();
    assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(WarmupRace.C2_CHECK_NANOS + 300_000_000L);
    assertThat(asked.get()).isEqualTo(1);
  }

  @Test
  void aQuickWinNeverAsks() {
    WarmupRace<String> race = WarmupRace.<String>timingOnly(k -> k.equals("plain") ? 100 : 10).withC2Absent(() -> {
      throw new AssertionError("asked");
    });
    assertThat(race.run("vector", "plain", 10_000_000_000L)).isTrue();
  }

  @Test
  void aTieIsNotAWin() {
    WarmupRace<String> race = new WarmupRace<>(k -> 10);
    assertThat(race.run("vector", "plain", 20_000_000L)).isFalse();
  }
}
