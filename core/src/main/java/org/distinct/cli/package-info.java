/**
 * The {@code distinct} command line (picocli): one {@link java.util.concurrent.Callable} class per subcommand
 * ({@code study}, {@code train}, {@code evaluate}, {@code prune}, {@code angles}, {@code inspect}, {@code generate}),
 * mixins for shared options, and {@code Fmt} for the printing they share. Commands see architectures only through
 * {@link org.distinct.family.ModelFamily}; bad input ends in one line and exit code 2.
 */
package org.distinct.cli;
