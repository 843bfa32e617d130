package lapis.datasets.molecules;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import lapis.datasets.ProgressListener;
import lapis.graph.ConnectedComponents;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ZincDatasetTest {
    private Path cacheDir;
    private MoleculeDataset zinc;
    private long progressCalls;
    private long lastDone = -1;
    private long lastTotal;

    @BeforeAll
    void loadOnce(@TempDir Path dir) {
        cacheDir = dir;
        zinc = ZincDataset.load(new MoleculeCache(cacheDir), (task, done, total, unit) -> {
            assertTrue(done >= lastDone, "progress went back from " + lastDone + " to " + done);
            progressCalls++;
            lastDone = done;
            lastTotal = total;
        });
    }

    @Test
    void loadsTwelveThousandGraphsWithTheMeasuredTotals() {
        assertEquals(12_000, zinc.size());
        // Measured once (CDK 2.9, this loader) by summing Molecule.atomCount() and bondCount() over the 12,000
        // molecules: 278,120 heavy atoms (23.18 per molecule, as published for ZINC 12k) and 299,114 bonds.
        assertEquals(278_120, zinc.totalAtoms());
        assertEquals(299_114, zinc.totalBonds());
        MoleculeDataset.BondCounts bonds = zinc.bondCounts();
        assertEquals(zinc.totalBonds(), bonds.singles() + bonds.doubles() + bonds.triples());
        // measured the same way: 738 triple bonds, 124,074 aromatic and 180,562 ring bonds
        assertEquals(738, bonds.triples());
        assertEquals(124_074, bonds.aromatic());
        assertEquals(180_562, bonds.inRing());
        assertEquals(112, zinc.report().duplicateRows());
        assertEquals(0, zinc.report().skipped());
        assertEquals(List.of(ZincDataset.TARGET), zinc.targetNames());
        assertTrue(progressCalls > 1);
        assertEquals(lastTotal, lastDone, "the last progress call reports completion");
    }

    @Test
    void everyAtomCategoryOccursAndNoneIsOther() {
        long[] counts = zinc.atomCategoryCounts();
        for (AtomCategory c : AtomCategory.values()) {
            if (c == AtomCategory.OTHER) {
                assertEquals(0, counts[c.ordinal()]);
            } else {
                assertTrue(counts[c.ordinal()] > 0, c + " never occurs");
            }
        }
        assertEquals(zinc.totalAtoms(), java.util.Arrays.stream(counts).sum());
    }

    @Test
    void kekuleBondOrdersPlusHydrogensGiveTheValenceOfEveryCnoAndHalogenAtom() {
        for (Molecule m : zinc.molecules()) {
            int[] valence = new int[m.atomCount()];
            int[] ends = m.bondEndpoints();
            byte[] orders = m.bondOrders();
            for (int e = 0; e < orders.length; e++) {
                valence[ends[2 * e]] += orders[e];
                valence[ends[2 * e + 1]] += orders[e];
            }
            for (int i = 0; i < m.atomCount(); i++) {
                AtomCategory c = m.atomCategory(i);
                int expected = switch (c.element()) {
                    case "C" -> 4;
                    case "N" -> 3 + c.formalCharge();
                    case "O" -> 2 + c.formalCharge();
                    case "F", "Cl", "Br", "I" -> 1;
                    default -> -1;
                };
                if (expected >= 0) {
                    assertEquals(expected, valence[i] + c.hydrogens(), m.smiles() + " atom " + i + " " + c);
                }
            }
        }
    }

    @Test
    void ringFlagsAgreeWithTheCycleRankAndAromaticBondsAreRingBonds() {
        for (Molecule m : zinc.molecules()) {
            int components = ConnectedComponents.of(m.graph()).count();
            int cycleRank = m.bondCount() - m.atomCount() + components;
            boolean[] ring = m.ringBonds();
            boolean[] aromatic = m.aromaticBonds();
            int ringBonds = 0;
            for (int e = 0; e < ring.length; e++) {
                ringBonds += ring[e] ? 1 : 0;
                assertTrue(ring[e] || !aromatic[e], m.smiles() + " bond " + e + " is aromatic but not in a ring");
            }
            assertEquals(cycleRank == 0, ringBonds == 0, m.smiles());
            assertTrue(cycleRank == 0 || ringBonds >= 3, m.smiles());
        }
    }

    @Test
    void standardSplitIsRowsZeroToNineThousandNineHundredNinetyNineThenTwoThousands() {
        DatasetSplit s = zinc.split();
        assertArrayEquals(new int[] {10_000, 1_000, 1_000}, s.sizes());
        assertArrayEquals(IntStream.range(0, 10_000).toArray(), s.train());
        assertArrayEquals(IntStream.range(10_000, 11_000).toArray(), s.validation());
        assertArrayEquals(IntStream.range(11_000, 12_000).toArray(), s.test());
        for (int i = 0; i < zinc.size(); i++) {
            assertEquals(i, zinc.molecule(i).row());
            assertEquals(i + 2, zinc.molecule(i).line());
        }
    }

    @Test
    void targetStatisticsMatchSourcesMd() {
        double[] y = zinc.targetValues(0, IntStream.range(0, zinc.size()).toArray());
        double mean = java.util.Arrays.stream(y).average().orElseThrow();
        double var = java.util.Arrays.stream(y).map(v -> (v - mean) * (v - mean)).sum() / y.length;
        assertEquals(0.027, mean, 5e-4);
        assertEquals(1.929, Math.sqrt(var), 5e-4);
        assertEquals(-21.997, java.util.Arrays.stream(y).min().orElseThrow(), 5e-4);
        assertEquals(3.835, java.util.Arrays.stream(y).max().orElseThrow(), 5e-4);
    }

    @Test
    void allColumnsSatisfyThePenalisedLogPDefinition() {
        MoleculeDataset all = ZincDataset.load(ZincDataset.COLUMNS, null, ProgressListener.NONE);
        assertEquals(LoadReport.CacheOutcome.NOT_USED, all.report().cache());
        int logp = all.targetIndex("logp");
        int sa = all.targetIndex("sa");
        int ring = all.targetIndex("max_ring_penalty");
        int score = all.targetIndex("score");
        int plogp = all.targetIndex("penalized_logp");
        for (Molecule m : all.molecules()) {
            double expected = (m.target(logp) - 2.4570953396190123) / 1.434324401111988
                    + (-m.target(sa) + 3.0525811293166134) / 0.8335207024513095
                    + (-m.target(ring) + 0.0485696876403053) / 0.2860212110245455;
            assertEquals(expected, m.target(plogp), 1e-6, m.smiles());
            assertEquals(m.target(logp) - m.target(sa), m.target(score), 1e-6, m.smiles());
            assertEquals(zinc.molecule(m.row()).target(0), m.target(plogp), 0);
        }
    }

    @Test
    void secondLoadComesFromTheCacheAndEqualsTheFreshParse() {
        assertEquals(LoadReport.CacheOutcome.WRITTEN, zinc.report().cache());
        MoleculeDataset again = ZincDataset.load(new MoleculeCache(cacheDir), ProgressListener.NONE);
        assertEquals(LoadReport.CacheOutcome.HIT, again.report().cache());
        assertEquals(zinc.molecules(), again.molecules());
        assertEquals(zinc.split(), again.split());
        assertEquals(zinc.sha256(), again.sha256());
        assertEquals(zinc.report().withCache(LoadReport.CacheOutcome.HIT, ""), again.report().withCache(
                LoadReport.CacheOutcome.HIT, ""));
    }

    @Test
    void unknownTargetIsRefusedNamingTheChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ZincDataset.load(List.of("qed"), null, ProgressListener.NONE));
        assertTrue(e.getMessage().contains("'qed'") && e.getMessage().contains("penalized_logp"), e.getMessage());
    }
}
