package lapis.datasets.molecules;

import java.util.Arrays;
import lapis.graph.Graph;
import lapis.graph.GraphBuilder;
import lapis.graph.GraphOptions;
import org.openscience.cdk.aromaticity.Aromaticity;
import org.openscience.cdk.aromaticity.ElectronDonation;
import org.openscience.cdk.exception.CDKException;
import org.openscience.cdk.exception.InvalidSmilesException;
import org.openscience.cdk.fragment.MurckoFragmenter;
import org.openscience.cdk.graph.Cycles;
import org.openscience.cdk.interfaces.IAtom;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.interfaces.IBond;
import org.openscience.cdk.silent.SilentChemObjectBuilder;
import org.openscience.cdk.smiles.SmiFlavor;
import org.openscience.cdk.smiles.SmilesGenerator;
import org.openscience.cdk.smiles.SmilesParser;
import org.openscience.cdk.tools.manipulator.AtomContainerManipulator;

/**
 * SMILES to {@link Molecule} with CDK: parse and kekulise (SmilesParser over the silent builder), fold written
 * hydrogens into their heavy atoms, perceive aromaticity (Daylight model over all cycles, or all cycles up to size 6
 * when there are too many) and ring membership, then build the graph and its features. Optionally the Bemis-Murcko
 * scaffold (Bemis and Murcko, J. Med. Chem. 39(15), 1996) as a unique aromatic SMILES, "" for an acyclic molecule.
 *
 * <p>Valences are not checked beyond what CDK's parser refuses (it accepts, e.g., a five-bonded carbon); atoms of
 * unusual elements or charges get {@link AtomCategory#OTHER}.
 *
 * <p>Holds CDK parsers, which are not thread-safe: one instance per thread. Cost: linear in the SMILES length
 * except for the cycle enumeration of aromaticity, bounded by CDK's fallback.
 */
final class MoleculeParser {
    private final SmilesParser smilesParser = new SmilesParser(SilentChemObjectBuilder.getInstance());
    private final Aromaticity aromaticity =
            new Aromaticity(ElectronDonation.daylight(), Cycles.or(Cycles.all(), Cycles.all(6)));
    private final SmilesGenerator scaffoldWriter =
            new SmilesGenerator(SmiFlavor.Unique | SmiFlavor.UseAromaticSymbols);
    private final boolean scaffolds;

    /** @param scaffolds also compute the Bemis-Murcko scaffold of each molecule */
    MoleculeParser(boolean scaffolds) {
        this.scaffolds = scaffolds;
        smilesParser.kekulise(true);
    }

    /** A molecule and, when requested, its scaffold (else null). */
    record Parsed(Molecule molecule, String scaffold) {
    }

    /**
     * @throws IllegalArgumentException with the reason, naming the SMILES: unparsable, no heavy atom, hydrogens that
     *     cannot be folded, a bond order other than 1, 2 or 3, or two bonds between the same atoms
     */
    Parsed parse(String smiles, double[] targets, int row, int line) {
        IAtomContainer mol;
        try {
            mol = smilesParser.parseSmiles(smiles);
        } catch (InvalidSmilesException e) {
            String reason = firstLine(e);
            String echo = "could not parse '" + smiles + "', ";
            throw new IllegalArgumentException("SMILES '" + smiles + "' cannot be parsed: "
                    + (reason.startsWith(echo) ? reason.substring(echo.length()) : reason), e);
        }
        if (hasHydrogen(mol)) {
            mol = AtomContainerManipulator.suppressHydrogens(mol);
            if (hasHydrogen(mol)) {
                throw new IllegalArgumentException("SMILES '" + smiles + "' has hydrogen atoms that cannot be folded"
                        + " into a heavy atom's hydrogen count (isotopes such as [2H], [H+], H2); only heavy atoms"
                        + " become vertices");
            }
        }
        int n = mol.getAtomCount();
        if (n == 0) {
            throw new IllegalArgumentException("SMILES '" + smiles + "' is an empty molecule (no heavy atom)");
        }
        try {
            aromaticity.apply(mol);
        } catch (CDKException e) {
            throw new IllegalArgumentException("SMILES '" + smiles + "': aromaticity perception failed: "
                    + firstLine(e), e);
        }
        Cycles.markRingAtomsAndBonds(mol);
        int[] categories = new int[n];
        for (int i = 0; i < n; i++) {
            IAtom a = mol.getAtom(i);
            int charge = a.getFormalCharge() == null ? 0 : a.getFormalCharge();
            int h = a.getImplicitHydrogenCount() == null ? 0 : a.getImplicitHydrogenCount();
            categories[i] = AtomCategory.of(a.getSymbol(), charge, h).ordinal();
        }
        int m = mol.getBondCount();
        if (m >= 1 << 20) {
            throw new IllegalArgumentException("SMILES '" + smiles.substring(0, 40) + "...' has " + m
                    + " bonds; at most 1048575 are supported");
        }
        long[] keys = new long[m];
        for (int b = 0; b < m; b++) {
            IBond bond = mol.getBond(b);
            int u = bond.getBegin().getIndex();
            int v = bond.getEnd().getIndex();
            keys[b] = ((long) Math.min(u, v) * n + Math.max(u, v)) << 20 | b;
        }
        Arrays.sort(keys);
        GraphBuilder builder = new GraphBuilder(n, GraphOptions.defaults());
        byte[] orders = new byte[m];
        boolean[] aromatic = new boolean[m];
        boolean[] ring = new boolean[m];
        for (int e = 0; e < m; e++) {
            IBond bond = mol.getBond((int) (keys[e] & 0xFFFFF));
            int u = bond.getBegin().getIndex();
            int v = bond.getEnd().getIndex();
            if (e > 0 && keys[e] >>> 20 == keys[e - 1] >>> 20) {
                throw new IllegalArgumentException("SMILES '" + smiles + "' bonds atoms " + Math.min(u, v)
                        + " and " + Math.max(u, v) + " twice");
            }
            orders[e] = switch (bond.getOrder()) {
                case SINGLE -> 1;
                case DOUBLE -> 2;
                case TRIPLE -> 3;
                default -> throw new IllegalArgumentException("SMILES '" + smiles + "' has a bond of order "
                        + bond.getOrder() + " between atoms " + u + " and " + v + "; expected single, double or"
                        + " triple");
            };
            aromatic[e] = bond.isAromatic();
            ring[e] = bond.isInRing();
            builder.addEdge(u, v, 1.0);
        }
        Graph graph = builder.build();
        Molecule molecule = new Molecule(row, line, smiles, graph, categories, orders, aromatic, ring, targets);
        return new Parsed(molecule, scaffolds ? scaffold(mol, smiles) : null);
    }

    private String scaffold(IAtomContainer mol, String smiles) {
        IAtomContainer frame = MurckoFragmenter.scaffold(mol);
        if (frame == null || frame.isEmpty()) {
            return "";
        }
        try {
            return scaffoldWriter.create(frame);
        } catch (CDKException e) {
            throw new IllegalArgumentException("SMILES '" + smiles + "': its Murcko scaffold cannot be written: "
                    + firstLine(e), e);
        }
    }

    private static boolean hasHydrogen(IAtomContainer mol) {
        for (IAtom a : mol.atoms()) {
            if ("H".equals(a.getSymbol())) {
                return true;
            }
        }
        return false;
    }

    private static String firstLine(Exception e) {
        String msg = String.valueOf(e.getMessage());
        int nl = msg.indexOf('\n');
        String first = (nl < 0 ? msg : msg.substring(0, nl)).strip();
        return first.endsWith(":") ? first.substring(0, first.length() - 1) : first;
    }
}
