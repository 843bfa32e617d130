package lapis.experiments.zinc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import lapis.graph.GraphSample;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The size split on the bundled ZINC 12k. */
class ZincSamplesTest {
    private static ZincSamples.Split standard;
    private static ZincSamples.SizeSplit split;

    @BeforeAll
    static void load() {
        standard = ZincSamples.load(false);
        split = ZincSamples.bySize(standard);
    }

    @Test
    void sizeSplitPartitionsThePoolIntoTheStatedSizes() {
        assertEquals(9000, split.train().size());
        assertEquals(1000, split.inDistributionTest().size());
        assertEquals(1000, split.validation().size());
        assertEquals(1000, split.test().size());
        Map<GraphSample, Integer> seen = new IdentityHashMap<>();
        for (List<GraphSample> part : List.of(split.train(), split.validation(), split.test(),
                split.inDistributionTest())) {
            for (GraphSample s : part) {
                assertEquals(null, seen.put(s, 1), "a molecule in two parts");
            }
        }
        for (List<GraphSample> part : List.of(standard.train(), standard.validation(), standard.test())) {
            for (GraphSample s : part) {
                assertTrue(seen.containsKey(s), "a pooled molecule in no part");
            }
        }
        assertEquals(12000, seen.size());
    }

    @Test
    void trainingMoleculesAreNoLargerThanTheShiftedOnes() {
        int smallMax = Math.max(max(split.train()), max(split.inDistributionTest()));
        int largeMin = Math.min(min(split.validation()), min(split.test()));
        assertTrue(smallMax <= largeMin, smallMax + " > " + largeMin);
        assertTrue(min(split.train()) < largeMin, "the shift is not trivial");
    }

    @Test
    void inDistributionTestFollowsTheTrainingSizeDistribution() {
        assertTrue(min(split.train()) <= min(split.inDistributionTest()));
        assertEquals(max(split.train()), max(split.inDistributionTest()));
        // a block of c consecutive size ranks holds floor(c/10) or ceil(c/10) ranks 9, 19, 29, ...
        Map<Integer, Integer> pool = histogram(split.train());
        Map<Integer, Integer> test = histogram(split.inDistributionTest());
        test.forEach((v, c) -> pool.merge(v, c, Integer::sum));
        for (Map.Entry<Integer, Integer> e : pool.entrySet()) {
            double expected = e.getValue() / 10.0;
            int got = test.getOrDefault(e.getKey(), 0);
            assertTrue(Math.abs(got - expected) < 1, "vertex count " + e.getKey() + ": " + got
                    + " in-distribution test molecules of " + e.getValue());
        }
    }

    @Test
    void validationAndShiftedTestAlternateBySize() {
        Map<Integer, Integer> val = histogram(split.validation());
        Map<Integer, Integer> test = histogram(split.test());
        for (int v : val.keySet()) {
            assertTrue(Math.abs(val.get(v) - test.getOrDefault(v, 0)) <= 1, "vertex count " + v);
        }
    }

    private static Map<Integer, Integer> histogram(List<GraphSample> samples) {
        Map<Integer, Integer> h = new TreeMap<>();
        for (GraphSample s : samples) {
            h.merge(s.nodeCount(), 1, Integer::sum);
        }
        return h;
    }

    private static int min(List<GraphSample> samples) {
        return samples.stream().mapToInt(GraphSample::nodeCount).min().orElseThrow();
    }

    private static int max(List<GraphSample> samples) {
        return samples.stream().mapToInt(GraphSample::nodeCount).max().orElseThrow();
    }
}
