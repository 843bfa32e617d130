/**
 * Perturbation stability of positional encodings (methods.md sections 3-4): {@link
 * lapis.encodings.stability.EncodingStability} measures one graph pair with a known node correspondence (the
 * encoding change against ||dL||, LapPE after sign and per-eigenspace alignment, the eigengap, SPE's bound), and
 * {@link lapis.encodings.stability.StabilitySummary} reduces many pairs to medians, 95th percentiles and the
 * fraction within the bound. {@code lapis stability} drives both over a dataset.
 */
package lapis.encodings.stability;
