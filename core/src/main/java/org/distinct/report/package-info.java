/**
 * The study report: {@link org.distinct.report.StudyReport} writes the report folder (HTML page, figures as PNG and
 * SVG, every table as CSV, Markdown and JSON, {@code results.json}, {@code provenance.json}) from a study's numbers,
 * looping over its model sections ({@link org.distinct.report.FamilyRuns}); {@link org.distinct.report.StudyTables},
 * {@link org.distinct.report.StudyFigures} and {@link org.distinct.report.StudySummary} make the tables (typed rows,
 * {@link org.distinct.report.TypedTable}), charts ({@link org.distinct.report.Charts}) and sentences.
 */
package org.distinct.report;
