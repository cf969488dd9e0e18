package org.distinct.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.spark.SparkConf;
import org.distinct.BadInputException;
import org.distinct.study.StudyFile;
import org.junit.jupiter.api.Test;

/** The driver's Spark in local mode: bound to 127.0.0.1, UI off, executors with the Vector API, settings that win. */
class SparkRuntimeTest {
  @Test
  void localModeBindsTheDriverToLoopbackWithoutUi() {
    try (SparkRuntime spark = SparkRuntime.start(new SparkRuntime.Settings("local[2]", Map.of("spark.app.name", "probe"), 60))) {
      SparkConf conf = spark.context().getConf();
      assertThat(conf.get("spark.driver.host")).isEqualTo("127.0.0.1");
      assertThat(conf.get("spark.driver.bindAddress")).isEqualTo("127.0.0.1");
      assertThat(conf.get("spark.ui.enabled")).isEqualTo("false");
      assertThat(conf.get("spark.app.name")).isEqualTo("probe");
      assertThat(conf.get("spark.executor.extraJavaOptions", "")).contains("jdk.incubator.vector");
      assertThat(spark.cores()).isEqualTo(2);
      assertThat(spark.describe()).startsWith("Apache Spark 4.0").endsWith("master local[2]");
      spark.requireInputs(StudyFile.parse("mlp:\n  seeds: 1\n", "demo.yaml")); // the demo data: nothing to read
      assertThatThrownBy(() -> spark.requireInputs(StudyFile.parse("data:\n  features: /no/such/dir/f.csv\nmlp:\n  seeds: 1\n", "x.yaml")))
          .isInstanceOf(BadInputException.class).hasMessageStartingWith("data.features /no/such/dir/f.csv: executor driver on host ");
    }
  }

  @Test
  void aTimeoutBelowOneSecondIsRefused() {
    assertThatThrownBy(() -> new SparkRuntime.Settings("local[2]", Map.of(), 0)).isInstanceOf(BadInputException.class)
        .hasMessageContaining("--connect-timeout");
  }
}
