package org.distinct.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.distinct.study.Statistics;
import org.junit.jupiter.api.Test;

/** The summary's words for a leakage check's difference. */
class StudySummaryTest {

  @Test
  void anIntervalThatExcludesZeroWithoutBothTestsIsNotCalledAndTheSentenceSaysWhy() {
    String m = StudySummary.leakageMeaning(new Statistics.Paired(10, 0.0813, 0.0167, 0.15, 0.031, 0.064, "no significant change"));
    assertThat(m).startsWith("no significant difference was found (the interval excludes 0")
        .contains("both below 0.05");
  }

  @Test
  void anIntervalAcrossZeroNeedsNoRule() {
    assertThat(StudySummary.leakageMeaning(new Statistics.Paired(10, -0.017, -0.069, 0.035, 0.4, 0.5, "no significant change")))
        .isEqualTo("no significant difference was found");
    assertThat(StudySummary.leakageMeaning(new Statistics.Paired(10, 0.21, 0.16, 0.27, 0.0001, 0.002, "higher")))
        .startsWith("the leaky split overstates the accuracy");
  }
}
