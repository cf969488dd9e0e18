/**
 * distinct: train small neural networks and prune them by distinctiveness (Gedeon &amp; Harris, 1991). This package
 * holds what every layer shares: {@link org.distinct.BadInputException} (one-line user errors, exit code 2) and
 * {@link org.distinct.Version}. The layers, bottom up: {@code util}, {@code data}, {@code tensor}, {@code model},
 * {@code eval}, {@code train}, {@code prune}, {@code family}, {@code study}, {@code report}, {@code cli}
 * (DEVELOPERS.md; enforced by {@code ArchitectureTest}).
 */
package org.distinct;
