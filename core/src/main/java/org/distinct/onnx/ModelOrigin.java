package org.distinct.onnx;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.distinct.data.MinMaxScaler;
import org.distinct.model.SavedModel;

/**
 * Where an imported model came from and which of its parts the file did not carry. Recorded in the saved model's
 * training configuration under {@value #KEY} (so it survives conversion to a model file, see {@code docs/onnx.md}):
 * {@code {"format": "onnx", "file": …, "producer": …, "opset": …, "inputLayout": …, "assumed": [ … ]}}, where
 * {@code assumed} lists {@value #FEATURES}, {@value #CLASSES} and {@value #PREPROCESSING} when the file had no such
 * metadata (a graph from another framework): the commands then take the features in the data's column order, the
 * classes in sorted label order, and preprocessing only from options.
 *
 * @param format the format read ({@code onnx})
 * @param file the file it was read from
 * @param producer the producer named in the file (e.g. {@code pytorch 1.13.0})
 * @param opset the file's default-domain opset
 * @param inputLayout {@code rows}, {@code batch-first} or {@code time-first}
 * @param assumed the parts not in the file (sorted)
 */
public record ModelOrigin(String format, String file, String producer, int opset, String inputLayout, Set<String> assumed) {
  /** The training-configuration key of the record. */
  public static final String KEY = "import";
  /** Part name: the input feature names. */
  public static final String FEATURES = "featureNames";
  /** Part name: the class names. */
  public static final String CLASSES = "classNames";
  /** Part name: the preprocessing (scaler, series preprocessing). */
  public static final String PREPROCESSING = "preprocessing";

  /** Copies the set. */
  public ModelOrigin {
    assumed = Collections.unmodifiableSortedSet(new TreeSet<>(assumed));
  }

  /**
   * @param model a saved model
   * @return its origin, or null if it was not imported (a distinct model file)
   */
  public static ModelOrigin of(SavedModel model) {
    if (!(model.trainingConfig().get(KEY) instanceof Map<?, ?> m)) return null;
    Set<String> assumed = new TreeSet<>();
    if (m.get("assumed") instanceof List<?> l) for (Object o : l) assumed.add(String.valueOf(o));
    Object opset = m.get("opset");
    return new ModelOrigin(String.valueOf(m.get("format")), String.valueOf(m.get("file")), String.valueOf(m.get("producer")),
        opset instanceof Number num ? num.intValue() : 0, String.valueOf(m.get("inputLayout")), assumed);
  }

  /**
   * @param part {@link #FEATURES}, {@link #CLASSES} or {@link #PREPROCESSING}
   * @return true if the file did not carry it
   */
  public boolean assumed(String part) {
    return assumed.contains(part);
  }

  /** @return the record as plain JSON values */
  public Map<String, Object> record() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("format", format);
    m.put("file", file);
    m.put("producer", producer);
    m.put("opset", opset);
    m.put("inputLayout", inputLayout);
    m.put("assumed", new ArrayList<>(new TreeSet<>(assumed)));
    return m;
  }

  /** What a command decided for the parts an imported model did not carry. */
  public record Binding(List<String> featureNames, List<String> classNames, MinMaxScaler scaler, Map<String, Object> preprocessing) {}

  /**
   * The model with the parts it did not carry filled in for one run (the parts it carried are kept). Feature and class
   * names bound this way stay assumed in the origin record (they follow the data's order, not the file), so an export
   * leaves them out again; preprocessing given by options (a fitted scaler, a series preprocessing record) is no longer
   * assumed: it is part of the model from then on and is exported.
   *
   * @param model an imported model
   * @param b feature names, class names, scaler and series preprocessing record (null: keep the model's)
   * @return the bound model
   */
  public static SavedModel bind(SavedModel model, Binding b) {
    Map<String, Object> training = new LinkedHashMap<>(model.trainingConfig());
    if (b.preprocessing() != null) training.put("preprocessing", b.preprocessing());
    ModelOrigin o = of(model);
    if (o != null && (b.preprocessing() != null || b.scaler() != null)) {
      Set<String> assumed = new TreeSet<>(o.assumed());
      assumed.remove(PREPROCESSING);
      Map<String, Object> rec = new ModelOrigin(o.format(), o.file(), o.producer(), o.opset(), o.inputLayout(), assumed).record();
      rec.put("preprocessingFrom", "options");
      training.put(KEY, rec);
    }
    return new SavedModel(model.format(), model.formatVersion(), model.softwareVersion(), model.created(), model.network(),
        b.featureNames() == null ? model.featureNames() : b.featureNames(), b.classNames() == null ? model.classNames() : b.classNames(),
        b.scaler() == null ? model.scaler() : b.scaler(), training, model.seed());
  }
}
