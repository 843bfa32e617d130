package lapis.bases;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ClusterAgreementTest {
    @Test
    void identicalPartitionsUpToRenamingScoreOne() {
        int[] a = {0, 0, 1, 1, 2, 2};
        int[] b = {2, 2, 0, 0, 1, 1};
        assertEquals(1.0, ClusterAgreement.normalizedMutualInformation(a, b), 1e-12);
        assertEquals(1.0, ClusterAgreement.adjustedRandIndex(a, b), 1e-12);
    }

    /** Hubert and Arabie's formula by hand: index 2, row pairs 6, column pairs 3, expected 6 * 3 / 15, max 4.5. */
    @Test
    void adjustedRandIndexOfASmallContingencyTableMatchesTheFormula() {
        int[] a = {0, 0, 0, 1, 1, 1};
        int[] b = {0, 0, 1, 1, 2, 2};
        double expected = (2.0 - 6.0 * 3 / 15) / ((6.0 + 3) / 2 - 6.0 * 3 / 15);
        assertEquals(expected, ClusterAgreement.adjustedRandIndex(a, b), 1e-12);
    }

    @Test
    void kMeansSeparatesTwoDistantBlobs() {
        double[] x = {0, 0, 0.1, 0, 0, 0.1, 10, 10, 10.1, 10, 10, 10.1};
        int[] truth = {0, 0, 0, 1, 1, 1};
        KMeans.Result r = KMeans.cluster(x, 2, 2, 3, 50, 1);
        assertEquals(1.0, ClusterAgreement.adjustedRandIndex(r.labels(), truth), 1e-12);
    }
}
