package org.distinct.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Builds a {@link Table} from typed rows: each column names the accessor of a row record that fills it, so a row is a
 * record of named values, never a positional list. A null value is an empty cell (a value the row does not have).
 *
 * @param <R> the row type
 */
public final class TypedTable<R> {
  private final String id;
  private final String title;
  private String caption = "";
  private final List<Column> columns = new ArrayList<>();
  private final List<Function<? super R, ?>> getters = new ArrayList<>();
  private final List<R> rows = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  private TypedTable(String id, String title) {
    this.id = id;
    this.title = title;
  }

  /**
   * @param <R> row type
   * @param id file-safe identifier
   * @param title short title
   * @return a new builder
   */
  public static <R> TypedTable<R> of(String id, String title) {
    return new TypedTable<>(id, title);
  }

  /**
   * @param text sentences explaining the table
   * @return this
   */
  public TypedTable<R> caption(String text) {
    this.caption = text;
    return this;
  }

  /**
   * Adds a column with the default format.
   *
   * @param key JSON key
   * @param label header
   * @param getter the row's value of this column (null = empty cell)
   * @return this
   */
  public TypedTable<R> column(String key, String label, Function<? super R, ?> getter) {
    return column(key, label, Format.defaults(), getter);
  }

  /**
   * @param key JSON key
   * @param label header
   * @param format format of the column's floating-point cells
   * @param getter the row's value of this column (null = empty cell)
   * @return this
   */
  public TypedTable<R> column(String key, String label, Format format, Function<? super R, ?> getter) {
    columns.add(new Column(key, label, format));
    getters.add(Objects.requireNonNull(getter));
    return this;
  }

  /**
   * @param row a row
   * @return this
   */
  public TypedTable<R> add(R row) {
    rows.add(Objects.requireNonNull(row));
    return this;
  }

  /**
   * @param note a footnote
   * @return this
   */
  public TypedTable<R> note(String note) {
    notes.add(Objects.requireNonNull(note));
    return this;
  }

  /** @return the number of rows added so far */
  public int size() {
    return rows.size();
  }

  /** @return the table (validated) */
  public Table build() {
    List<List<Cell>> cells = new ArrayList<>();
    for (R r : rows) {
      List<Cell> row = new ArrayList<>(getters.size());
      for (Function<? super R, ?> g : getters) row.add(Cell.from(g.apply(r)));
      cells.add(row);
    }
    return new Table(id, title, caption, columns, cells, notes);
  }
}
