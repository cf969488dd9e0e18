package org.distinct.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * A feature table as read, before encoding: the feature columns raw, numeric ones as doubles ({@code NaN} =
 * missing) and categorical (text) ones as integer codes into their level names ({@code -1} = missing), plus one
 * class label and one group per row, the group column used (or none: then every row is its own group), and per
 * row its row number in the source file, so that an encoder can name the row of any value it refuses.
 * {@link TableEncoder} turns it into a numeric {@link Dataset}.
 *
 * <p>Arrays are shared, not copied: treat them as read-only. {@link #subset(int[])} and {@link #concat} copy.
 *
 * @param source where the rows came from (file name), for messages
 * @param columns the feature columns in file order
 * @param labels class index per row {@code [rows]}
 * @param groups group id per row {@code [rows]} (the row index when there is no group column)
 * @param classNames the name of each class index
 * @param groupColumn the group column used, or null when every row is its own group
 * @param rowNumbers 1-based row number in the source of each row {@code [rows]}
 */
public record FeatureFrame(
    String source, List<Column> columns, int[] labels, int[] groups, List<String> classNames, String groupColumn, int[] rowNumbers)
    implements LabelledData<FeatureFrame> {

  /** Kind of a feature column. */
  public enum Kind {
    /** Numbers ({@code NaN} = missing). */
    NUMERIC,
    /** Text categories (code -1 = missing). */
    CATEGORICAL
  }

  /**
   * One raw feature column.
   *
   * @param name unique column name
   * @param kind numeric or categorical
   * @param values numeric: the values {@code [rows]} ({@code NaN} = missing); categorical: null
   * @param codes categorical: index into {@code levels} per row {@code [rows]} (-1 = missing); numeric: null
   * @param levels categorical: the level names, sorted ({@link String#compareTo}), distinct; numeric: empty
   */
  public record Column(String name, Kind kind, double[] values, int[] codes, List<String> levels) {
    /** Checks that the kind's arrays are present. */
    public Column {
      Objects.requireNonNull(name, "name");
      levels = levels == null ? List.of() : List.copyOf(levels);
      if (kind == Kind.NUMERIC && (values == null || codes != null)) throw new IllegalArgumentException("numeric column needs values only");
      if (kind == Kind.CATEGORICAL && (codes == null || values != null)) throw new IllegalArgumentException("categorical column needs codes only");
    }

    /** @return a numeric column */
    public static Column numeric(String name, double[] values) {
      return new Column(name, Kind.NUMERIC, values, null, List.of());
    }

    /** @return a categorical column */
    public static Column categorical(String name, int[] codes, List<String> levels) {
      return new Column(name, Kind.CATEGORICAL, null, codes, levels);
    }

    /** @return number of rows */
    public int size() {
      return kind == Kind.NUMERIC ? values.length : codes.length;
    }

    /** @return whether row {@code r} is missing */
    public boolean isMissing(int r) {
      return kind == Kind.NUMERIC ? Double.isNaN(values[r]) : codes[r] < 0;
    }

    /** @return the number of missing rows */
    public int missing() {
      int k = 0;
      for (int r = 0; r < size(); r++) if (isMissing(r)) k++;
      return k;
    }

    /** @return the level name of row {@code r} (categorical), or null if missing */
    public String level(int r) {
      return codes[r] < 0 ? null : levels.get(codes[r]);
    }

    Column subset(int[] idx) {
      if (kind == Kind.NUMERIC) {
        double[] v = new double[idx.length];
        for (int i = 0; i < idx.length; i++) v[i] = values[idx[i]];
        return numeric(name, v);
      }
      int[] c = new int[idx.length];
      for (int i = 0; i < idx.length; i++) c[i] = codes[idx[i]];
      return categorical(name, c, levels);
    }

    Column concat(Column o) {
      if (o.kind != kind || !o.name.equalsIgnoreCase(name))
        throw new IllegalArgumentException("cannot append column " + o.name + " (" + o.kind + ") to " + name + " (" + kind + ")");
      if (kind == Kind.NUMERIC) {
        double[] v = Arrays.copyOf(values, values.length + o.values.length);
        System.arraycopy(o.values, 0, v, values.length, o.values.length);
        return numeric(name, v);
      }
      TreeSet<String> all = new TreeSet<>(levels);
      all.addAll(o.levels);
      List<String> merged = new ArrayList<>(all);
      int[] c = new int[codes.length + o.codes.length];
      for (int r = 0; r < codes.length; r++) c[r] = codes[r] < 0 ? -1 : merged.indexOf(levels.get(codes[r]));
      for (int r = 0; r < o.codes.length; r++) c[codes.length + r] = o.codes[r] < 0 ? -1 : merged.indexOf(o.levels.get(o.codes[r]));
      return categorical(name, c, merged);
    }
  }

  /** Checks that every column, label, group and row number has one entry per row. */
  public FeatureFrame {
    Objects.requireNonNull(source, "source");
    columns = List.copyOf(columns);
    classNames = List.copyOf(classNames);
    int n = labels.length;
    if (groups.length != n || rowNumbers.length != n) throw new IllegalArgumentException("groups/rowNumbers must have " + n + " entries");
    for (Column c : columns) if (c.size() != n) throw new IllegalArgumentException("column " + c.name() + " has " + c.size() + " rows, not " + n);
    for (int l : labels) if (l < 0 || l >= classNames.size()) throw new IllegalArgumentException("label " + l + " outside [0," + classNames.size() + ")");
  }

  /** @return number of rows */
  @Override
  public int size() {
    return labels.length;
  }

  /** @return whether the rows have a group column (else every row is its own group) */
  @Override
  public boolean grouped() {
    return groupColumn != null;
  }

  /** @return whether every column is numeric and no cell is missing (then the encoding is the identity) */
  public boolean isPlainNumeric() {
    for (Column c : columns) if (c.kind() != Kind.NUMERIC || c.missing() > 0) return false;
    return true;
  }

  /**
   * @param name a column name (case-insensitive)
   * @return the column, or null
   */
  public Column column(String name) {
    for (Column c : columns) if (c.name().equalsIgnoreCase(name.trim())) return c;
    return null;
  }

  /**
   * @return one line saying which groups were used, e.g. {@code groups: column 'subject no.' (24 groups)} or
   *     {@code groups: none (every row is its own group)}
   */
  public String groupNote() {
    if (groupColumn == null) return "groups: none (every row is its own group)";
    return "groups: column '" + groupColumn + "' (" + Arrays.stream(groups).distinct().count() + " groups)";
  }

  @Override
  public FeatureFrame subset(int[] idx) {
    List<Column> cols = new ArrayList<>(columns.size());
    for (Column c : columns) cols.add(c.subset(idx));
    int[] l = new int[idx.length], g = new int[idx.length], rn = new int[idx.length];
    for (int i = 0; i < idx.length; i++) {
      l[i] = labels[idx[i]];
      g[i] = groups[idx[i]];
      rn[i] = rowNumbers[idx[i]];
    }
    return new FeatureFrame(source, cols, l, g, classNames, groupColumn, rn);
  }

  @Override
  public FeatureFrame concat(FeatureFrame other) {
    if (other.columns.size() != columns.size()) throw new IllegalArgumentException("cannot append " + other.columns.size() + " columns to " + columns.size());
    List<Column> cols = new ArrayList<>(columns.size());
    for (int j = 0; j < columns.size(); j++) cols.add(columns.get(j).concat(other.columns.get(j)));
    return new FeatureFrame(source + " + " + other.source, cols, cat(labels, other.labels), cat(groups, other.groups), classNames,
        groupColumn, cat(rowNumbers, other.rowNumbers));
  }

  private static int[] cat(int[] a, int[] b) {
    int[] c = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }
}
