package org.distinct.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.distinct.BadInputException;
import org.distinct.data.Dataset;
import org.distinct.data.FeatureFrame;
import org.distinct.data.LabelledData;
import org.distinct.data.MinMaxScaler;
import org.distinct.data.SequenceDataset;
import org.distinct.data.SequenceScaling;
import org.distinct.family.DataKind;
import org.distinct.family.ModelFamily;
import org.distinct.family.PrepareOptions;
import org.distinct.family.PreprocessSettings;
import org.distinct.family.Preprocessor;
import org.distinct.family.SeriesFamily;
import org.distinct.model.SavedModel;
import org.distinct.onnx.ModelOrigin;
import picocli.CommandLine.Option;

/**
 * What a model imported from another framework (an ONNX graph without distinct's metadata, see {@link ModelOrigin}) does
 * not say, filled in for one run: features are taken in the data's column order (the count must match), classes in sorted
 * label order (or {@code --class-names}), and no preprocessing is applied unless these options ask for it. A picocli mixin
 * of {@link ModelInput}; the options are refused for models whose file records its preprocessing.
 */
public final class ImportOptions {
  @Option(names = "--fit-scaler", paramLabel = "SET",
      description = "ONNX models on a feature table whose file records no preprocessing: fit min–max scaling on the 'train' rows "
          + "(--train-data, else --data) and apply it. Default: the rows are used as they are.")
  String fitScaler;

  @Option(names = "--window", paramLabel = "N",
      description = "ONNX sequence models whose file records no preprocessing: median filter window, odd (default: 1, off).")
  Integer window;

  @Option(names = "--scaling", paramLabel = "MODE", converter = Words.ScalingConverter.class, completionCandidates = Words.ScalingWords.class,
      description = "ONNX sequence models whose file records no preprocessing: ${COMPLETION-CANDIDATES} min–max scaling (global: fitted on "
          + "the given sequences) (default: none).")
  SequenceScaling.Mode scaling;

  @Option(names = "--downsample", paramLabel = "N",
      description = "ONNX sequence models whose file records no preprocessing: block-mean downsampling factor (default: 1, off).")
  Integer downsample;

  private final List<String> setup = new ArrayList<>();
  private String origin;

  /**
   * @return one line saying where the model came from and which parts of the setup came from the file and which were
   *     assumed, or null for a distinct model file
   */
  String describe() {
    return origin == null ? null : "setup (" + origin + "): " + String.join("; ", setup);
  }

  /** @return the setup parts (empty for a distinct model file) */
  List<String> parts() {
    return List.copyOf(setup);
  }

  /**
   * Fills in what an imported model does not carry.
   *
   * @param <R> the family's data type as read
   * @param f the model's family
   * @param m the model as loaded
   * @param in the data options
   * @return the model to use in this run
   */
  <R extends LabelledData<R>> SavedModel bind(ModelFamily<?, R, ?, ?> f, SavedModel m, ModelInput in) {
    ModelOrigin o = ModelOrigin.of(m);
    boolean seriesOptions = window != null || scaling != null || downsample != null;
    if (o == null || !o.assumed(ModelOrigin.PREPROCESSING)) {
      String opt = fitScaler != null ? "--fit-scaler" : window != null ? "--window" : scaling != null ? "--scaling" : downsample != null ? "--downsample" : null;
      if (opt != null)
        throw new BadInputException(opt + ": the model file records its preprocessing; this option is for ONNX models without it");
    }
    if (f.dataKind() == DataKind.TABLE && seriesOptions)
      throw new BadInputException((window != null ? "--window" : scaling != null ? "--scaling" : "--downsample") + ": for sequence models; "
          + "a model on a feature table takes --fit-scaler train");
    if (f.dataKind() == DataKind.SERIES && fitScaler != null)
      throw new BadInputException("--fit-scaler: for models on a feature table; sequence models take --scaling global");
    if (fitScaler != null && !fitScaler.equals("train"))
      throw new BadInputException("--fit-scaler " + fitScaler + ": only 'train' is supported (the rows of --train-data, else of --data)");
    if (o == null) return m;
    origin = m.kind() + " imported from " + o.format().toUpperCase(Locale.ROOT) + " written by " + o.producer() + ", opset " + o.opset()
        + ", input " + o.inputLayout();
    return f.dataKind() == DataKind.TABLE ? table(f, m, o, in) : series(f, m, o, in);
  }

  @SuppressWarnings("unchecked")
  private <R extends LabelledData<R>> SavedModel table(ModelFamily<?, R, ?, ?> f, SavedModel m, ModelOrigin o, ModelInput in) {
    List<String> given = in.columns.classNames;
    boolean namedClasses = given != null && !given.isEmpty();
    FeatureFrame raw = in.rawRows(in.data, o.assumed(ModelOrigin.CLASSES) ? given : m.classNames());
    String where = in.data == null ? "the demo data" : in.data.toString();
    List<String> features = null;
    if (o.assumed(ModelOrigin.FEATURES)) {
      int inputs = m.network().inputSize();
      if (raw.columns().size() != inputs)
        throw BadInputException.at(raw.source(), 0, null, "has " + raw.columns().size() + " feature columns but the model reads " + inputs
            + " inputs; its file names no features, so the data's columns are taken in order (leave columns out with --drop-columns)");
      features = raw.columns().stream().map(FeatureFrame.Column::name).toList();
      setup.add("features: the " + inputs + " columns of " + where + " in their order (the file names none)");
    } else {
      setup.add("feature names: from the file");
    }
    List<String> classes = classes(m, o, raw.classNames(), namedClasses ? "--class-names" : "sorted label order");
    SavedModel named = ModelOrigin.bind(m, new ModelOrigin.Binding(features, classes, null, null));
    if (fitScaler == null) {
      setup.add(o.assumed(ModelOrigin.PREPROCESSING) ? "preprocessing: none (the file records none; --fit-scaler train fits min–max scaling)"
          : "preprocessing: from the file (" + (m.scaler() == null ? "no scaling" : "min–max scaler") + ")");
      return named;
    }
    FeatureFrame train = in.trainData == null ? raw : in.rawRows(in.trainData, named.classNames());
    // the rows in the model's input order, unscaled (the named model has no scaler yet); TABLE families read FeatureFrame
    Dataset inputs = (Dataset) f.prepare(named, (R) train, new PrepareOptions(in.ignoreExtra, null));
    setup.add("preprocessing: min–max scaling fitted on the " + train.size() + " rows of " + (in.trainData == null ? where : in.trainData.toString())
        + " (--fit-scaler train; the file records none)");
    return ModelOrigin.bind(named, new ModelOrigin.Binding(null, null, MinMaxScaler.fit(inputs), null));
  }

  private List<String> classes(SavedModel m, ModelOrigin o, List<String> have, String how) {
    if (!o.assumed(ModelOrigin.CLASSES)) {
      setup.add("class names: from the file");
      return null;
    }
    if (have.size() != m.network().numClasses())
      throw new BadInputException("the data have " + have.size() + " classes " + have + " but the model has " + m.network().numClasses() + " outputs");
    setup.add("classes: " + how + " " + have + " (the file names none)");
    return have;
  }

  /** @return true for the demo series, a folder of song workbooks or one workbook (classes from the song mapping) */
  private static boolean songFolder(Path series) {
    return series == null || Files.isDirectory(series) || series.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".xlsx");
  }

  @SuppressWarnings("unchecked")
  private <R extends LabelledData<R>> SavedModel series(ModelFamily<?, R, ?, ?> f, SavedModel m, ModelOrigin o, ModelInput in) {
    int w = window == null ? 1 : window;
    SequenceDataset raw = in.rawSequences(w);
    setup.add("features: " + m.network().inputSize() + " value(s) per time step in the data's channel order"
        + (o.assumed(ModelOrigin.FEATURES) ? " (the file names none)" : ", names from the file"));
    List<String> classes = classes(m, o, raw.classNames(), songFolder(in.series.series) ? "the song mapping's" : "the data's sorted label order");
    if (!o.assumed(ModelOrigin.PREPROCESSING)) {
      setup.add("preprocessing: from the file (" + SeriesFamily.describe(SeriesFamily.preprocessing(m).config()) + ")");
      return ModelOrigin.bind(m, new ModelOrigin.Binding(null, classes, null, null));
    }
    PreprocessSettings settings;
    try {
      settings = PreprocessSettings.series(w, scaling == null ? SequenceScaling.Mode.NONE : scaling, downsample == null ? 1 : downsample);
    } catch (IllegalArgumentException e) {
      throw new BadInputException("series preprocessing: " + e.getMessage(), e);
    }
    Preprocessor.Fitted<R, ?> fitted = f.preprocessor(settings).fit((R) raw); // SERIES families read SequenceDataset
    boolean given = window != null || scaling != null || downsample != null;
    setup.add("preprocessing: " + SeriesFamily.describe(settings.series()) + (given ? " (from options; the file records none)"
        : " (the file records none; options --window, --scaling, --downsample)")
        + (scaling == SequenceScaling.Mode.GLOBAL ? ", global scaling fitted on the given sequences" : ""));
    return ModelOrigin.bind(m, new ModelOrigin.Binding(null, classes, fitted.scaler(), fitted.record()));
  }
}
