package org.distinct;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.distinct.data.Dataset;
import org.distinct.data.DemoData;
import org.distinct.data.FeatureTableLoader;
import org.distinct.data.FeatureTableOptions;
import org.distinct.data.MinMaxScaler;
import org.distinct.data.split.Fold;
import org.distinct.data.split.GroupHoldout;
import org.distinct.eval.ClassificationMetrics;
import org.distinct.model.Mlp;
import org.distinct.prune.DistinctivenessPruner;
import org.distinct.prune.PruneResult;
import org.distinct.prune.PrunerConfig;
import org.distinct.train.MlpTrainConfig;
import org.distinct.train.MlpTrainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The library example of README.md runs as written (on a generated workbook, with fewer epochs). */
class ReadmeExampleTest {

  @Test
  void libraryExampleRuns(@TempDir Path dir) throws Exception {
    List<Path> written = DemoData.writeFeatures(dir, DemoData.FeatureSpec.defaults(), 42);
    Path xlsx = written.stream().filter(p -> p.toString().endsWith(".xlsx")).findFirst().orElseThrow();
    assertThat(Files.size(xlsx)).isPositive();

    // --- as in README.md ---
    Dataset data = FeatureTableLoader.load(xlsx, FeatureTableOptions.defaults());
    Fold split = new GroupHoldout(0.2).split(data.rows(), data.labels(), data.groups(), 1).get(0);
    MinMaxScaler scaler = MinMaxScaler.fit(data.subset(split.train()));
    Dataset train = scaler.transform(data.subset(split.train()));
    Dataset test = scaler.transform(data.subset(split.test()));
    Mlp mlp = new MlpTrainer(MlpTrainConfig.defaults().withEpochs(30)).train(train, null, 42).model();
    PruneResult<Mlp> pruned = new DistinctivenessPruner(PrunerConfig.defaults()).prune(mlp, train, 2);
    ClassificationMetrics m = ClassificationMetrics.fromLogits(pruned.model().logits(test.x(), test.rows()),
        test.labels(), test.rows(), test.numClasses());
    // ---

    assertThat(data.rows()).isEqualTo(576);
    assertThat(data.featureNames()).contains("var_F7", "var_F7#2");
    assertThat(pruned.model().layer(0).out()).isLessThan(mlp.layer(0).out());
    assertThat(m.n()).isEqualTo(test.rows());
    assertThat(m.accuracy()).isBetween(0.0, 1.0);
  }
}
