package lapis.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchOrderTest {

    @Test
    void eachEpochIsAReproduciblePermutationOfItsOwn() {
        int[] a = BatchOrder.permutation(1000, 7, 3);
        int[] sorted = a.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            assertEquals(i, sorted[i]);
        }
        assertArrayEquals(a, BatchOrder.permutation(1000, 7, 3));
        assertFalse(Arrays.equals(a, BatchOrder.permutation(1000, 7, 4)));
        assertFalse(Arrays.equals(a, BatchOrder.permutation(1000, 8, 3)));
    }

    @Test
    void batchesCoverTheEpochInShuffledOrder() {
        List<int[]> all = BatchOrder.batches(10, 4, 1, 0, false);
        List<int[]> dropped = BatchOrder.batches(10, 4, 1, 0, true);
        assertEquals(List.of(4, 4, 2), all.stream().map(b -> b.length).toList());
        assertEquals(2, dropped.size());
        int[] joined = new int[10];
        int at = 0;
        for (int[] b : all) {
            System.arraycopy(b, 0, joined, at, b.length);
            at += b.length;
        }
        assertArrayEquals(BatchOrder.permutation(10, 1, 0), joined);
    }
}
