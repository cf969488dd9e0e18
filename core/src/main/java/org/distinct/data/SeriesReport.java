package org.distinct.data;

import java.util.List;

/**
 * What {@link SeriesInspector} found in a folder of per-song workbooks. Plain records (JSON-friendly).
 *
 * @param source the folder or file inspected
 * @param songs one summary per song, in natural song order
 * @param sequences total number of participant columns
 * @param participants number of distinct participants
 * @param minLength shortest series after removing trailing zeros
 * @param maxLength longest series after removing trailing zeros
 * @param scales per participant (in increasing participant number): songs and value range over all songs
 */
public record SeriesReport(
    String source, List<Song> songs, int sequences, int participants, int minLength, int maxLength, List<ParticipantScale> scales) {

  /** Copies the lists. */
  public SeriesReport {
    songs = List.copyOf(songs);
    scales = List.copyOf(scales);
  }

  /**
   * One participant over all songs.
   *
   * @param participant participant number
   * @param songs number of songs with a column for this participant
   * @param min smallest value before the padding, over all songs (NaN if none)
   * @param max largest value before the padding, over all songs (NaN if none)
   */
  public record ParticipantScale(int participant, int songs, double min, double max) {}

  /**
   * One song's workbook.
   *
   * @param song song name (file base name)
   * @param file the file
   * @param rows data rows in the sheet
   * @param seconds the last value of the clock column (NaN if there is none)
   * @param participants participant column names in file order
   * @param equalLengths whether all participant columns end on the same row
   * @param columns one summary per participant column
   * @param problems problems found (non-participant columns, bad cells, …); empty if none
   */
  public record Song(
      String song, String file, int rows, double seconds, List<String> participants, boolean equalLengths,
      List<Column> columns, List<String> problems) {
    /** Copies the lists. */
    public Song {
      participants = List.copyOf(participants);
      columns = List.copyOf(columns);
      problems = List.copyOf(problems);
    }
  }

  /**
   * One participant column.
   *
   * @param column column name, e.g. {@code P07}
   * @param participant participant number
   * @param length values up to the last non-blank cell
   * @param trailingZeros trailing exact zeros (padding)
   * @param min smallest value before the padding (NaN if none)
   * @param max largest value before the padding (NaN if none)
   * @param badCells blank or non-numeric cells before the column's last value
   */
  public record Column(String column, int participant, int length, int trailingZeros, double min, double max, int badCells) {}
}
