package org.distinct.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.distinct.BadInputException;

/**
 * Turns a {@link FeatureFrame} into a numeric {@link Dataset}: one-hot encoding of categorical columns and
 * imputation of missing values, both fitted on training rows only ({@link #fit}) and applied unchanged to any
 * rows ({@link #apply}). Immutable; {@link #toMap()} / {@link #fromMap} store it in a model file as plain JSON
 * values.
 *
 * <p>Rules:
 * <ul>
 *   <li>Columns keep the frame's order. A numeric column gives one feature, unchanged (so an all-numeric frame
 *       without missing cells gives exactly the {@link Dataset} {@link FeatureTableLoader#load} gives). A
 *       categorical column gives one 0/1 feature per level seen in the training rows, levels sorted
 *       ({@link String#compareTo}), named {@code column=level}.
 *   <li>Imputation ({@link Impute}), statistics over the non-missing training values: {@link Impute#MEAN} (sum in
 *       row order / count), {@link Impute#MEDIAN} (the middle value, or the mean of the two middle values),
 *       {@link Impute#MOST_FREQUENT} (ties: the smallest value); a categorical column always takes its most frequent
 *       level (ties: the first in sorted order). With {@link Impute#NONE} a missing value is refused, naming its
 *       row and column. A column with no value in the training rows cannot be imputed and is refused.
 *   <li>A category not seen in the training rows is refused naming its row and column ({@link UnknownCategories#ERROR})
 *       or encoded as all zeros ({@link UnknownCategories#IGNORE}).
 *   <li>A categorical column with more than {@value #MAX_LEVELS} levels in the training rows, or (from 20 rows on)
 *       a different level in every training row, is refused as an id or free-text column.
 * </ul>
 */
public final class TableEncoder {
  /** Most levels one categorical column may have in the training rows. */
  public static final int MAX_LEVELS = 1000;

  /** How missing values are filled. */
  public enum Impute {
    /** Refused. */
    NONE,
    /** Mean of the training values. */
    MEAN,
    /** Median of the training values. */
    MEDIAN,
    /** Most frequent training value (smallest on ties). */
    MOST_FREQUENT
  }

  /** What an unseen category becomes. */
  public enum UnknownCategories {
    /** Refused, naming row and column. */
    ERROR,
    /** All zeros. */
    IGNORE
  }

  /**
   * Encoder settings.
   *
   * @param impute how missing values are filled
   * @param unknownCategories what a category unseen in training becomes
   */
  public record EncoderOptions(Impute impute, UnknownCategories unknownCategories) {
    /** Fills in the defaults for nulls. */
    public EncoderOptions {
      if (impute == null) impute = Impute.NONE;
      if (unknownCategories == null) unknownCategories = UnknownCategories.ERROR;
    }

    /** @return no imputation, unseen categories refused */
    public static EncoderOptions defaults() {
      return new EncoderOptions(Impute.NONE, UnknownCategories.ERROR);
    }
  }

  /**
   * One fitted column.
   *
   * @param name column name
   * @param kind numeric or categorical
   * @param fill numeric: the value that replaces a missing one (NaN = refuse); categorical: unused (NaN)
   * @param levels categorical: the training levels, sorted; numeric: empty
   * @param fillLevel categorical: index of the level that replaces a missing value (-1 = refuse)
   */
  public record Encoded(String name, FeatureFrame.Kind kind, double fill, List<String> levels, int fillLevel) {
    /** Copies the levels. */
    public Encoded {
      levels = List.copyOf(levels);
    }

    /** @return how many features this column gives */
    public int width() {
      return kind == FeatureFrame.Kind.NUMERIC ? 1 : levels.size();
    }
  }

  private final EncoderOptions options;
  private final List<Encoded> columns;
  private final List<String> featureNames;
  private final List<Map<String, Integer>> levelIndex;

  private TableEncoder(EncoderOptions options, List<Encoded> columns) {
    this.options = options;
    this.columns = List.copyOf(columns);
    List<String> names = new ArrayList<>();
    List<Map<String, Integer>> idx = new ArrayList<>();
    for (Encoded e : columns) {
      Map<String, Integer> m = new HashMap<>();
      if (e.kind() == FeatureFrame.Kind.NUMERIC) names.add(e.name());
      else
        for (int i = 0; i < e.levels().size(); i++) {
          names.add(e.name() + "=" + e.levels().get(i));
          m.put(e.levels().get(i), i);
        }
      idx.add(m);
    }
    this.featureNames = List.copyOf(names);
    this.levelIndex = idx;
  }

  /**
   * The encoding of a table of numbers only, none missing: each column one feature, unchanged; text or a missing
   * value in any of them is refused when applied, naming its row and column.
   *
   * @param names the column names in order
   * @return the encoder
   */
  public static TableEncoder numeric(List<String> names) {
    List<Encoded> cols = new ArrayList<>(names.size());
    for (String n : names) cols.add(new Encoded(n, FeatureFrame.Kind.NUMERIC, Double.NaN, List.of(), -1));
    return new TableEncoder(EncoderOptions.defaults(), cols);
  }

  /**
   * @return whether the encoding changes nothing: every column numeric and nothing imputed (then a model file need
   *     not record it: {@link #numeric} of its feature names is the same encoding)
   */
  public boolean isIdentity() {
    for (Encoded e : columns) if (e.kind() != FeatureFrame.Kind.NUMERIC || !Double.isNaN(e.fill())) return false;
    return true;
  }

  /**
   * @param unknown what an unseen category becomes
   * @return this encoding with that handling (evaluation may decide otherwise than training)
   */
  public TableEncoder withUnknownCategories(UnknownCategories unknown) {
    return new TableEncoder(new EncoderOptions(options.impute(), unknown), columns);
  }

  /** @return the settings */
  public EncoderOptions options() {
    return options;
  }

  /** @return the fitted columns in order */
  public List<Encoded> columns() {
    return columns;
  }

  /** @return the names of the encoded features, in order */
  public List<String> featureNames() {
    return featureNames;
  }

  /**
   * Fits the encoding on training rows.
   *
   * @param train the training rows (Not modified)
   * @param options imputation and unseen-category handling
   * @return the fitted encoder
   * @throws BadInputException if a training value is missing and nothing imputes it, a column has no value to impute
   *     from, or a categorical column looks like an id
   */
  public static TableEncoder fit(FeatureFrame train, EncoderOptions options) {
    if (train.size() == 0) throw new IllegalArgumentException("cannot fit an encoder on 0 rows");
    List<Encoded> out = new ArrayList<>();
    for (FeatureFrame.Column c : train.columns())
      out.add(c.kind() == FeatureFrame.Kind.NUMERIC ? fitNumeric(train, c, options.impute()) : fitCategorical(train, c, options.impute()));
    return new TableEncoder(options, out);
  }

  private static Encoded fitNumeric(FeatureFrame f, FeatureFrame.Column c, Impute impute) {
    double[] v = c.values();
    int count = 0;
    for (double x : v) if (!Double.isNaN(x)) count++;
    if (impute == Impute.NONE) {
      for (int r = 0; r < v.length; r++) if (Double.isNaN(v[r])) throw missing(f, r, c.name());
      return new Encoded(c.name(), FeatureFrame.Kind.NUMERIC, Double.NaN, List.of(), -1);
    }
    if (count == 0) throw noValues(f, c.name());
    double[] s = new double[count];
    int k = 0;
    for (double x : v) if (!Double.isNaN(x)) s[k++] = x;
    double fill;
    if (impute == Impute.MEAN) {
      double sum = 0;
      for (double x : s) sum += x;
      fill = sum / count;
    } else {
      Arrays.sort(s);
      fill = impute == Impute.MEDIAN ? (count % 2 == 1 ? s[count / 2] : (s[count / 2 - 1] + s[count / 2]) / 2) : mostFrequent(s);
    }
    return new Encoded(c.name(), FeatureFrame.Kind.NUMERIC, fill, List.of(), -1);
  }

  /** @return the most frequent value of sorted data, the smallest on ties */
  private static double mostFrequent(double[] sorted) {
    double best = sorted[0];
    int bestRun = 0;
    for (int i = 0; i < sorted.length; ) {
      int j = i;
      while (j < sorted.length && sorted[j] == sorted[i]) j++;
      if (j - i > bestRun) {
        bestRun = j - i;
        best = sorted[i];
      }
      i = j;
    }
    return best;
  }

  private static Encoded fitCategorical(FeatureFrame f, FeatureFrame.Column c, Impute impute) {
    int[] counts = new int[c.levels().size()];
    int seen = 0;
    for (int r = 0; r < c.size(); r++) {
      if (c.codes()[r] >= 0) {
        if (counts[c.codes()[r]]++ == 0) seen++;
      } else if (impute == Impute.NONE) throw missing(f, r, c.name());
    }
    if (seen == 0) throw noValues(f, c.name());
    if (seen > MAX_LEVELS || (f.size() >= 20 && seen == f.size()))
      throw BadInputException.at(f.source(), 0, c.name(), "a text column with " + seen + " different values in " + f.size()
          + " training rows: an id or free text, not a category; leave it out with --drop-columns");
    List<String> levels = new ArrayList<>(seen);
    int fill = -1, best = 0;
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] == 0) continue;
      if (counts[i] > best) {
        best = counts[i];
        fill = levels.size();
      }
      levels.add(c.levels().get(i));
    }
    return new Encoded(c.name(), FeatureFrame.Kind.CATEGORICAL, Double.NaN, levels, impute == Impute.NONE ? -1 : fill);
  }

  private static BadInputException missing(FeatureFrame f, int r, String column) {
    return BadInputException.at(f.source(), f.rowNumbers()[r], column,
        "missing value: missing values are refused; impute them with --impute mean|median|most-frequent");
  }

  private static BadInputException noValues(FeatureFrame f, String column) {
    return BadInputException.at(f.source(), 0, column, "no value in the training rows to impute from; leave the column out with --drop-columns");
  }

  /**
   * Encodes rows with the fitted encoding.
   *
   * @param data rows with the fitted columns (matched by name, case-insensitive; other columns are ignored)
   *     (Not modified)
   * @return the numeric dataset ({@link #featureNames()} as feature names, labels and groups shared)
   * @throws BadInputException for a missing column, a missing value that is not imputed, text in a numeric column or
   *     an unseen category (with {@link UnknownCategories#ERROR}), naming the row and column
   */
  public Dataset apply(FeatureFrame data) {
    int n = data.size();
    int d = featureNames.size();
    double[] x = new double[n * d];
    int off = 0;
    for (int j = 0; j < columns.size(); j++) {
      Encoded e = columns.get(j);
      FeatureFrame.Column c = data.column(e.name());
      if (c == null) {
        List<String> have = new ArrayList<>();
        for (FeatureFrame.Column k : data.columns()) have.add(k.name());
        throw BadInputException.at(data.source(), 0, null, "column '" + e.name() + "' (a feature of the training data) is missing; columns are: "
            + String.join(", ", have));
      }
      if (e.kind() == FeatureFrame.Kind.NUMERIC) numeric(data, e, c, x, off, d);
      else categorical(data, e, levelIndex.get(j), c, x, off, d);
      off += e.width();
    }
    return new Dataset(data.source(), x, n, d, data.labels(), data.groups(), featureNames, data.classNames());
  }

  private void numeric(FeatureFrame data, Encoded e, FeatureFrame.Column c, double[] x, int off, int d) {
    if (c.kind() != FeatureFrame.Kind.NUMERIC)
      for (int r = 0; r < c.size(); r++)
        if (c.codes()[r] >= 0)
          throw BadInputException.at(data.source(), data.rowNumbers()[r], e.name(), "not a number: '" + c.level(r)
              + "' (the column holds numbers in the training data)");
    for (int r = 0; r < data.size(); r++) {
      double v = c.kind() == FeatureFrame.Kind.NUMERIC ? c.values()[r] : Double.NaN;
      if (Double.isNaN(v)) {
        if (Double.isNaN(e.fill())) throw missing(data, r, e.name());
        v = e.fill();
      }
      x[r * d + off] = v;
    }
  }

  private void categorical(FeatureFrame data, Encoded e, Map<String, Integer> index, FeatureFrame.Column c, double[] x, int off, int d) {
    for (int r = 0; r < data.size(); r++) {
      String level;
      if (c.kind() == FeatureFrame.Kind.NUMERIC) level = Double.isNaN(c.values()[r]) ? null : Table.canonical(c.values()[r]);
      else level = c.level(r);
      int k;
      if (level == null) {
        if (e.fillLevel() < 0) throw missing(data, r, e.name());
        k = e.fillLevel();
      } else {
        Integer i = index.get(level);
        if (i == null) {
          if (options.unknownCategories() == UnknownCategories.IGNORE) continue;
          throw BadInputException.at(data.source(), data.rowNumbers()[r], e.name(), "category '" + level.replaceAll("\\s+", " ")
              + "' does not occur in the training rows; use --unknown-categories ignore to encode unseen categories as zeros");
        }
        k = i;
      }
      x[r * d + off + k] = 1.0;
    }
  }

  /** @return the encoder as plain JSON values: {@code impute}, {@code unknownCategories}, {@code columns} */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("impute", name(options.impute()));
    m.put("unknownCategories", name(options.unknownCategories()));
    List<Object> cols = new ArrayList<>();
    for (Encoded e : columns) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("name", e.name());
      c.put("kind", name(e.kind()));
      if (e.kind() == FeatureFrame.Kind.NUMERIC) c.put("fill", Double.isNaN(e.fill()) ? null : e.fill());
      else {
        c.put("levels", new ArrayList<>(e.levels()));
        c.put("fill", e.fillLevel() < 0 ? null : e.levels().get(e.fillLevel()));
      }
      cols.add(c);
    }
    m.put("columns", cols);
    return m;
  }

  private static String name(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private static <E extends Enum<E>> E parseEnum(Class<E> type, Object v, String file, String field) {
    if (v instanceof String s)
      for (E e : type.getEnumConstants()) if (name(e).equals(s)) return e;
    throw BadInputException.at(file, 0, field, "expected one of " + Arrays.stream(type.getEnumConstants()).map(TableEncoder::name).toList() + ", got " + v);
  }

  /**
   * Reads an encoder written by {@link #toMap()}.
   *
   * @param map the JSON object (Not modified)
   * @param file the model file, for messages
   * @return the encoder
   * @throws BadInputException naming the field that is missing or malformed
   */
  public static TableEncoder fromMap(Map<?, ?> map, String file) {
    Impute impute = parseEnum(Impute.class, map.get("impute"), file, "encoder.impute");
    UnknownCategories unk = parseEnum(UnknownCategories.class, map.get("unknownCategories"), file, "encoder.unknownCategories");
    if (!(map.get("columns") instanceof List<?> cols)) throw BadInputException.at(file, 0, "encoder.columns", "missing or not a list");
    List<Encoded> out = new ArrayList<>();
    for (int i = 0; i < cols.size(); i++) {
      String f = "encoder.columns[" + i + "]";
      if (!(cols.get(i) instanceof Map<?, ?> c)) throw BadInputException.at(file, 0, f, "not an object");
      if (!(c.get("name") instanceof String name) || name.isBlank()) throw BadInputException.at(file, 0, f + ".name", "missing or not a text");
      FeatureFrame.Kind kind = parseEnum(FeatureFrame.Kind.class, c.get("kind"), file, f + ".kind");
      Object fill = c.get("fill");
      if (kind == FeatureFrame.Kind.NUMERIC) {
        if (fill != null && !(fill instanceof Number)) throw BadInputException.at(file, 0, f + ".fill", "not a number");
        double v = fill == null ? Double.NaN : ((Number) fill).doubleValue();
        out.add(new Encoded(name, kind, v, List.of(), -1));
        continue;
      }
      if (!(c.get("levels") instanceof List<?> lv) || lv.isEmpty()) throw BadInputException.at(file, 0, f + ".levels", "missing or empty");
      List<String> levels = new ArrayList<>();
      for (Object o : lv) {
        if (!(o instanceof String s) || levels.contains(s)) throw BadInputException.at(file, 0, f + ".levels", "not distinct texts: " + lv);
        levels.add(s);
      }
      int fl = fill == null ? -1 : levels.indexOf(String.valueOf(fill));
      if (fill != null && fl < 0) throw BadInputException.at(file, 0, f + ".fill", "'" + fill + "' is not one of the levels");
      out.add(new Encoded(name, kind, Double.NaN, levels, fl));
    }
    return new TableEncoder(new EncoderOptions(impute, unk), out);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TableEncoder t && t.options.equals(options) && t.columns.equals(columns);
  }

  @Override
  public int hashCode() {
    return options.hashCode() * 31 + columns.hashCode();
  }

  @Override
  public String toString() {
    return "TableEncoder[" + columns.size() + " columns -> " + featureNames.size() + " features, " + options + "]";
  }
}
