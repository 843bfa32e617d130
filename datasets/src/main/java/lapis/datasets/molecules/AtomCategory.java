package lapis.datasets.molecules;

import java.util.HashMap;
import java.util.Map;

/**
 * The category of a heavy atom: its element, formal charge and number of attached hydrogens, as a stable table.
 *
 * <p>The 27 named categories are exactly those that occur in ZINC 12k (counted with CDK 2.9 over the 278,120 heavy
 * atoms of the 12,000 molecules; the test {@code ZincDatasetTest} checks that each occurs), ordered by atomic
 * number, then charge, then hydrogen count. Every other combination, in a user's file, is {@link #OTHER}: an explicit
 * catch-all, chosen over an error so that any organic molecule loads; the loaders count how often it occurs. The
 * ordinals 0..27 are the indices stored in {@link Molecule#atomCategories()} and will not change: new categories, if
 * any, are appended after {@link #OTHER}.
 *
 * <p>Hydrogens: all hydrogens attached to the atom, implicit or written (the chemistry meaning: C in a methyl group
 * is {@link #CH3}). This differs from the 28-entry dictionary of the benchmarking-gnns ZINC files (labels such as
 * "C H1" and "N H3 +"), which count only hydrogens written inside SMILES brackets, so there "C" covers CH0..CH3;
 * that dictionary also has 28 entries, but they are not these. Isotopes, radicals and stereo are not part of the
 * category.
 */
public enum AtomCategory {
    C("C", 0, 0),
    CH("C", 0, 1),
    CH2("C", 0, 2),
    CH3("C", 0, 3),
    N_MINUS("N", -1, 0),
    NH_MINUS("N", -1, 1),
    N("N", 0, 0),
    NH("N", 0, 1),
    NH2("N", 0, 2),
    N_PLUS("N", 1, 0),
    NH_PLUS("N", 1, 1),
    NH2_PLUS("N", 1, 2),
    NH3_PLUS("N", 1, 3),
    O_MINUS("O", -1, 0),
    O("O", 0, 0),
    OH("O", 0, 1),
    O_PLUS("O", 1, 0),
    F("F", 0, 0),
    P("P", 0, 0),
    PH("P", 0, 1),
    S_MINUS("S", -1, 0),
    S("S", 0, 0),
    SH("S", 0, 1),
    S_PLUS("S", 1, 0),
    CL("Cl", 0, 0),
    BR("Br", 0, 0),
    I("I", 0, 0),
    /** Any combination not listed above. */
    OTHER(null, 0, 0);

    private static final Map<String, AtomCategory> BY_KEY = index();

    private final String element;
    private final int charge;
    private final int hydrogens;

    AtomCategory(String element, int charge, int hydrogens) {
        this.element = element;
        this.charge = charge;
        this.hydrogens = hydrogens;
    }

    /** The category of an atom of this element symbol (as written in SMILES, e.g. "Cl"), charge and H count. */
    public static AtomCategory of(String element, int formalCharge, int hydrogens) {
        return BY_KEY.getOrDefault(key(element, formalCharge, hydrogens), OTHER);
    }

    /** The element symbol, null for {@link #OTHER}. */
    public String element() {
        return element;
    }

    /** The formal charge (0 for {@link #OTHER}, which has none). */
    public int formalCharge() {
        return charge;
    }

    /** The number of attached hydrogens (0 for {@link #OTHER}). */
    public int hydrogens() {
        return hydrogens;
    }

    /** A chemist's label: "NH3+", "O-", "CH2"; "other" for {@link #OTHER}. */
    public String label() {
        if (this == OTHER) {
            return "other";
        }
        String h = hydrogens == 0 ? "" : hydrogens == 1 ? "H" : "H" + hydrogens;
        String q = charge == 0 ? "" : charge > 0 ? "+" : "-";
        return element + h + q;
    }

    private static Map<String, AtomCategory> index() {
        Map<String, AtomCategory> m = new HashMap<>();
        for (AtomCategory c : values()) {
            if (c != OTHER) {
                m.put(key(c.element, c.charge, c.hydrogens), c);
            }
        }
        return Map.copyOf(m);
    }

    private static String key(String element, int charge, int hydrogens) {
        return element + "/" + charge + "/" + hydrogens;
    }
}
