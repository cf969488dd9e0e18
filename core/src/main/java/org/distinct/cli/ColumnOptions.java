package org.distinct.cli;

import java.util.List;
import org.distinct.data.FeatureTableOptions;
import org.distinct.data.SeriesOptions;
import picocli.CommandLine.Option;

/**
 * Which columns of a table mean what (a picocli mixin of the commands that read tables): the label, the group
 * (participant) column, the class names, columns to leave out and the workbook sheet. The label and group columns
 * also name the columns of a long-layout sequence file.
 */
public final class ColumnOptions {
  @Option(names = "--label-column", defaultValue = "label", paramLabel = "NAME", description = "Class label column (default: '${DEFAULT-VALUE}').")
  String labelColumn;

  @Option(names = {"--group-column", "--participant-column"}, paramLabel = "NAME",
      description = "Group (participant) column that grouped splits keep apart, or 'none' "
          + "(default: 'subject no.' when the table has it (a long sequence file: 'group'), else none: every row is its own group).")
  String groupColumn;

  @Option(names = "--class-names", split = ",", paramLabel = "NAMES",
      description = "Names of the classes in sorted label order, e.g. classical,instrumental,pop (default: the label texts; a saved model's own).")
  List<String> classNames;

  @Option(names = "--drop-columns", split = ",", paramLabel = "NAMES", description = "Feature columns to leave out.")
  List<String> dropColumns;

  @Option(names = "--sheet", paramLabel = "NAME|N", description = "Sheet of an .xlsx workbook: its name or 1-based position (default: the first).")
  String sheet;

  /**
   * @param names the class names to use (null or empty: those of {@code --class-names})
   * @param dropFlagged leave out flagged columns
   * @return how to turn a table into labelled rows
   */
  FeatureTableOptions table(List<String> names, boolean dropFlagged) {
    List<String> n = names != null && !names.isEmpty() ? names : classNames;
    return new FeatureTableOptions(groupColumn, labelColumn, n, dropColumns, dropFlagged);
  }

  /**
   * @param sequenceColumn the sequence id column of the long layout
   * @param timeColumn the time/order column name, or null to detect it
   * @return the column names of the long layout
   */
  SeriesOptions.LongColumns longColumns(String sequenceColumn, String timeColumn) {
    return new SeriesOptions.LongColumns(sequenceColumn, labelColumn, groupColumn, timeColumn);
  }
}
