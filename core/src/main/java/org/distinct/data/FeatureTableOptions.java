package org.distinct.data;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.distinct.BadInputException;

/**
 * How {@link FeatureTableLoader} turns a table into a {@link Dataset}. Column names are matched trimmed and
 * case-insensitively (a unique name such as {@code var_F7#2} also matches).
 *
 * @param participantColumn the group (participant) id column: a column name (it must exist), {@link #NO_GROUPS}
 *     ({@code "none"}: every row is its own group), or {@code null} = {@link #AUTO_GROUPS}: {@code subject no.} if
 *     the table has that column, else none. The {@link #defaults()} use {@code null}
 * @param labelColumn the class label column; default {@code label}
 * @param classNames names for the classes in sorted label order (numeric order for numeric labels), or empty
 *     to keep the label texts as names; if given, its size must equal the number of classes
 * @param dropColumns columns not to use as features (each must exist)
 * @param dropFlagged whether to drop feature columns {@link TableInspector} flags as {@link ColumnFlag#CONSTANT}
 *     or {@link ColumnFlag#COPY} (the later column of a copy pair is dropped; sentinel, zero-row and
 *     duplicate-name columns are kept)
 */
public record FeatureTableOptions(
    String participantColumn, String labelColumn, List<String> classNames, List<String> dropColumns, boolean dropFlagged) {

  /** The group column used when the table has it and none is named ({@link #AUTO_GROUPS}). */
  public static final String DEFAULT_GROUP_COLUMN = "subject no.";
  /** No group column: every row is its own group. */
  public static final String NO_GROUPS = "none";
  /** {@code subject no.} when the table has it, else no groups. */
  public static final String AUTO_GROUPS = null;

  /** Validates names: non-blank, class names unique; null lists become empty. */
  public FeatureTableOptions {
    if (participantColumn != null && participantColumn.isBlank())
      throw new BadInputException("participant column name is empty");
    if (labelColumn == null || labelColumn.isBlank()) throw new BadInputException("label column name is empty");
    if (participantColumn != null) participantColumn = participantColumn.trim();
    labelColumn = labelColumn.trim();
    if (participantColumn != null && participantColumn.equalsIgnoreCase(labelColumn))
      throw new BadInputException("participant column and label column are the same: '" + labelColumn + "'");
    classNames = classNames == null ? List.of() : classNames.stream().map(String::trim).toList();
    dropColumns = dropColumns == null ? List.of() : dropColumns.stream().map(String::trim).toList();
    Set<String> seen = new HashSet<>();
    for (String c : classNames) {
      if (c.isEmpty()) throw new BadInputException("class names: an empty name in " + classNames);
      if (!seen.add(c.toLowerCase(Locale.ROOT))) throw new BadInputException("class names: '" + c + "' occurs twice");
    }
  }

  /**
   * @return groups from {@code subject no.} when the table has it (else none), {@code label}, label texts as class
   *     names, nothing dropped
   */
  public static FeatureTableOptions defaults() {
    return new FeatureTableOptions(AUTO_GROUPS, "label", List.of(), List.of(), false);
  }

  /** @return the group column as given: a name, {@link #NO_GROUPS}, or null for {@link #AUTO_GROUPS} */
  public String groupColumn() {
    return participantColumn;
  }

  /** @return whether every row is its own group ({@link #NO_GROUPS}) */
  public boolean noGroups() {
    return participantColumn != null && participantColumn.equalsIgnoreCase(NO_GROUPS);
  }

  /**
   * @param column a column name, {@link #NO_GROUPS} or null ({@link #AUTO_GROUPS})
   * @return a copy with that group column
   */
  public FeatureTableOptions withGroupColumn(String column) {
    return new FeatureTableOptions(column, labelColumn, classNames, dropColumns, dropFlagged);
  }

  /** @return a copy with another label column */
  public FeatureTableOptions withLabelColumn(String column) {
    return new FeatureTableOptions(participantColumn, column, classNames, dropColumns, dropFlagged);
  }

  /** @return a copy leaving out these columns */
  public FeatureTableOptions withDropColumns(List<String> columns) {
    return new FeatureTableOptions(participantColumn, labelColumn, classNames, columns, dropFlagged);
  }

  /** @return a copy with the given class names */
  public FeatureTableOptions withClassNames(List<String> names) {
    return new FeatureTableOptions(participantColumn, labelColumn, names, dropColumns, dropFlagged);
  }

  /** @return a copy with {@code dropFlagged} set */
  public FeatureTableOptions withDropFlagged(boolean drop) {
    return new FeatureTableOptions(participantColumn, labelColumn, classNames, dropColumns, drop);
  }
}
