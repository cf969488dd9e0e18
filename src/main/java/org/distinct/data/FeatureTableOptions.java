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
 * @param participantColumn the participant (group) id column; default {@code subject no.}
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

  /** Validates names: non-blank, class names unique; null lists become empty. */
  public FeatureTableOptions {
    if (participantColumn == null || participantColumn.isBlank())
      throw new BadInputException("participant column name is empty");
    if (labelColumn == null || labelColumn.isBlank()) throw new BadInputException("label column name is empty");
    participantColumn = participantColumn.trim();
    labelColumn = labelColumn.trim();
    if (participantColumn.equalsIgnoreCase(labelColumn))
      throw new BadInputException("participant column and label column are the same: '" + labelColumn + "'");
    classNames = classNames == null ? List.of() : classNames.stream().map(String::trim).toList();
    dropColumns = dropColumns == null ? List.of() : dropColumns.stream().map(String::trim).toList();
    Set<String> seen = new HashSet<>();
    for (String c : classNames) {
      if (c.isEmpty()) throw new BadInputException("class names: an empty name in " + classNames);
      if (!seen.add(c.toLowerCase(Locale.ROOT))) throw new BadInputException("class names: '" + c + "' occurs twice");
    }
  }

  /** @return {@code subject no.}, {@code label}, label texts as class names, nothing dropped */
  public static FeatureTableOptions defaults() {
    return new FeatureTableOptions("subject no.", "label", List.of(), List.of(), false);
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
