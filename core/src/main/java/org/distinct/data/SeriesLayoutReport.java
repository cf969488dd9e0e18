package org.distinct.data;

import java.util.List;

/**
 * What {@link SeriesInspector#describe} found at a series path, for any layout. Plain records (JSON-friendly).
 *
 * @param source the folder or file
 * @param layout the layout detected (or given)
 * @param sequences number of sequences
 * @param channels values per time step
 * @param minLength shortest sequence (time steps, after the folder layout's padding is trimmed)
 * @param maxLength longest sequence
 * @param classes class names in label order
 * @param perClass sequences per class, in label order
 * @param groups number of distinct groups (participants; for UCR every sequence is its own)
 * @param ignored files of a folder that are not song workbooks
 * @param note the loader's one-line note
 * @param songs for the folder layout the per-song report ({@link SeriesInspector#inspect}), else null
 */
public record SeriesLayoutReport(
    String source, SeriesOptions.Layout layout, int sequences, int channels, int minLength, int maxLength, List<String> classes,
    List<Integer> perClass, int groups, List<String> ignored, String note, SeriesReport songs) {

  /** Copies the lists. */
  public SeriesLayoutReport {
    classes = List.copyOf(classes);
    perClass = List.copyOf(perClass);
    ignored = List.copyOf(ignored);
  }
}
