package lapis.encodings.stability;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The summary of many {@link EncodingStability.Measurement}s of one encoding at one perturbation level: median
 * and 95th percentile of each ratio (pairs where it is undefined, ||dL|| = 0, are left out), the largest relative
 * change (the node-permutation control), and the fraction of pairs within the stability bound. Percentiles
 * interpolate linearly between order statistics (numpy's default). Immutable.
 *
 * @param pairs measurements summarised
 * @param medianRatio median of ||dPE|| / ||dL||
 * @param p95Ratio 95th percentile of ||dPE|| / ||dL||
 * @param medianSqrtRatio median of ||dPE|| / sqrt(||dL||)
 * @param p95SqrtRatio 95th percentile of ||dPE|| / sqrt(||dL||)
 * @param medianAlignedRatio LapPE: median of the basis-aligned ||dPE|| / ||dL||; NaN otherwise
 * @param p95AlignedRatio LapPE: its 95th percentile
 * @param medianRelativeDistance median of ||dPE|| / ||PE(G)||, comparable across encodings of any scale
 * @param maxRelativeDistance largest ||dPE|| / ||PE(G)||
 * @param boundFraction fraction of pairs with a bound that satisfy it; NaN when no pair has a bound
 * @param medianBoundSlack median of bound / ||dPE|| over pairs with a bound and a change (how loose it is)
 */
public record StabilitySummary(int pairs, double medianRatio, double p95Ratio, double medianSqrtRatio,
                               double p95SqrtRatio, double medianAlignedRatio, double p95AlignedRatio,
                               double medianRelativeDistance, double maxRelativeDistance, double boundFraction,
                               double medianBoundSlack) {

    /**
     * Summarises measurements.
     *
     * @param roundOff the relative round-off allowed by {@link EncodingStability.Measurement#boundHolds}
     */
    public static StabilitySummary of(List<EncodingStability.Measurement> ms, double roundOff) {
        double[] ratio = finite(ms, EncodingStability.Measurement::ratio);
        double[] sqrt = finite(ms, EncodingStability.Measurement::sqrtRatio);
        double[] aligned = finite(ms, m -> m.laplacianDistance() > 0 ? m.basisAlignedDistance() / m.laplacianDistance()
                : Double.NaN);
        double[] relative = finite(ms, EncodingStability.Measurement::relativeDistance);
        double[] slack = finite(ms, m -> m.encodingDistance() > 0 ? m.bound() / m.encodingDistance() : Double.NaN);
        double maxRelative = Double.NaN;
        int withBound = 0;
        int holds = 0;
        for (EncodingStability.Measurement m : ms) {
            double r = m.relativeDistance();
            if (!Double.isNaN(r)) {
                maxRelative = Double.isNaN(maxRelative) ? r : Math.max(maxRelative, r);
            }
            if (!Double.isNaN(m.bound())) {
                withBound++;
                if (m.boundHolds(roundOff)) {
                    holds++;
                }
            }
        }
        return new StabilitySummary(ms.size(), quantile(ratio, 0.5), quantile(ratio, 0.95), quantile(sqrt, 0.5),
                quantile(sqrt, 0.95), quantile(aligned, 0.5), quantile(aligned, 0.95), quantile(relative, 0.5),
                maxRelative, withBound == 0 ? Double.NaN : (double) holds / withBound, quantile(slack, 0.5));
    }

    /**
     * The q-quantile of the values with linear interpolation: position q (m - 1) in the sorted values; NaN for
     * none.
     */
    public static double quantile(double[] values, double q) {
        if (!(q >= 0 && q <= 1)) {
            throw new IllegalArgumentException("quantile must be in [0, 1], got " + q);
        }
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] s = values.clone();
        Arrays.sort(s);
        double pos = q * (s.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(s.length - 1, lo + 1);
        return s[lo] + (pos - lo) * (s[hi] - s[lo]);
    }

    private static double[] finite(List<EncodingStability.Measurement> ms,
                                   ToDoubleFunction<EncodingStability.Measurement> f) {
        List<Double> out = new ArrayList<>();
        for (EncodingStability.Measurement m : ms) {
            double v = f.applyAsDouble(m);
            if (Double.isFinite(v)) {
                out.add(v);
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
