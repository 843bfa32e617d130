/**
 * Molecules as graphs: SMILES read with CDK into heavy-atom graphs with atom categories and bond features
 * ({@link lapis.datasets.molecules.Molecule}), the ZINC 12k benchmark ({@link lapis.datasets.molecules.ZincDataset}),
 * users' CSV files with splits by column, at random, by Bemis-Murcko scaffold or by size
 * ({@link lapis.datasets.molecules.MoleculeCsv}), and a binary cache keyed by the source's SHA-256
 * ({@link lapis.datasets.molecules.MoleculeCache}).
 */
package lapis.datasets.molecules;
