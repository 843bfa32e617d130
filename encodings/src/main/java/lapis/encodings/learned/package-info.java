/**
 * Learned node encodings on {@link lapis.nn}: {@link lapis.encodings.learned.Spe} (Huang et al., ICLR 2024),
 * {@link lapis.encodings.learned.SignNet} (Lim et al., ICLR 2023) and the PEARL-style
 * {@link lapis.encodings.learned.Pearl} (after Kanatsoulis et al., ICLR 2025), with their building blocks: the
 * {@link lapis.encodings.learned.ColumnLayout} of node-by-column rows without padding, the
 * {@link lapis.encodings.learned.PairGin} that runs a GIN on every column, SPE's
 * {@link lapis.encodings.learned.EigenvalueFilters}, and {@link lapis.encodings.learned.Lipschitz} bounds read from
 * trained weights.
 */
package lapis.encodings.learned;
