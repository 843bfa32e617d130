package lapis.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every differentiable operation against central finite differences in float64: gradients and H v products. */
class OpGradientTest {

    record Case(String name, double lo, double hi, int[][] shapes, BiFunction<Tape, Tensor[], Tensor> f,
                boolean hessian) {
        Tensor[] inputs() {
            return GradCheck.leaves(name.hashCode(), lo, hi, shapes);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static int[] s(int... d) {
        return d;
    }

    private static Case c(String name, BiFunction<Tape, Tensor[], Tensor> f, int[]... shapes) {
        return new Case(name, -1, 1, shapes, f, true);
    }

    private static Case pos(String name, BiFunction<Tape, Tensor[], Tensor> f, int[]... shapes) {
        return new Case(name, 0.5, 2, shapes, f, true);
    }

    static Stream<Case> cases() {
        Index idx = Index.of(new int[] {2, 0, 2, 1, 2}, 4);
        Index seg = Index.of(new int[] {0, 0, 1, 2, 2, 2}, 4);
        List<Case> l = new ArrayList<>();
        l.add(c("matmul", (t, x) -> LinearAlgebra.matmul(t, x[0], x[1]), s(3, 4), s(4, 5)));
        l.add(c("matmul A^T B", (t, x) -> LinearAlgebra.matmul(t, x[0], x[1], true, false), s(4, 3), s(4, 5)));
        l.add(c("matmul A B^T", (t, x) -> LinearAlgebra.matmul(t, x[0], x[1], false, true), s(3, 4), s(5, 4)));
        l.add(c("matmul A^T B^T", (t, x) -> LinearAlgebra.matmul(t, x[0], x[1], true, true), s(4, 3), s(5, 4)));
        l.add(c("matmul batched", (t, x) -> LinearAlgebra.matmul(t, x[0], x[1]), s(2, 3, 4), s(2, 4, 5)));
        l.add(c("matmul batched A^T B^T", (t, x) -> LinearAlgebra.matmul(t, x[0], x[1], true, true), s(2, 4, 3),
                s(2, 5, 4)));
        l.add(c("matmul batch by shared matrix", (t, x) -> LinearAlgebra.matmul(t, x[0], x[1]), s(2, 3, 4), s(4, 5)));
        l.add(c("add", (t, x) -> Arithmetic.add(t, x[0], x[1]), s(3, 4), s(3, 4)));
        l.add(c("add row", (t, x) -> Arithmetic.add(t, x[0], x[1]), s(3, 4), s(4)));
        l.add(c("add column", (t, x) -> Arithmetic.add(t, x[0], x[1]), s(3, 4), s(3, 1)));
        l.add(c("add scalar first", (t, x) -> Arithmetic.add(t, x[1], x[0]), s(3, 4), s()));
        l.add(c("sub row first", (t, x) -> Arithmetic.sub(t, x[1], x[0]), s(3, 4), s(1, 4)));
        l.add(c("sub column", (t, x) -> Arithmetic.sub(t, x[0], x[1]), s(2, 3, 4), s(2, 3, 1)));
        l.add(c("mul", (t, x) -> Arithmetic.mul(t, x[0], x[1]), s(3, 4), s(3, 4)));
        l.add(c("mul column", (t, x) -> Arithmetic.mul(t, x[0], x[1]), s(3, 4), s(3, 1)));
        l.add(c("mul scalar", (t, x) -> Arithmetic.mul(t, x[0], x[1]), s(3, 4), s(1)));
        l.add(pos("div", (t, x) -> Arithmetic.div(t, x[0], x[1]), s(3, 4), s(3, 4)));
        l.add(pos("div by row", (t, x) -> Arithmetic.div(t, x[0], x[1]), s(3, 4), s(4)));
        l.add(pos("div scalar by matrix", (t, x) -> Arithmetic.div(t, x[1], x[0]), s(3, 4), s()));
        l.add(c("affine", (t, x) -> Arithmetic.affine(t, x[0], -1.5, 0.25), s(3, 4)));
        l.add(c("relu", (t, x) -> Activations.relu(t, x[0]), s(4, 5)));
        l.add(c("gelu", (t, x) -> Activations.gelu(t, x[0]), s(4, 5)));
        l.add(c("silu", (t, x) -> Activations.silu(t, x[0]), s(4, 5)));
        l.add(c("tanh", (t, x) -> Activations.tanh(t, x[0]), s(4, 5)));
        l.add(c("sigmoid", (t, x) -> Activations.sigmoid(t, x[0]), s(4, 5)));
        l.add(c("exp", (t, x) -> Arithmetic.exp(t, x[0]), s(4, 5)));
        l.add(pos("log", (t, x) -> Arithmetic.log(t, x[0]), s(4, 5)));
        l.add(pos("sqrt", (t, x) -> Arithmetic.sqrt(t, x[0]), s(4, 5)));
        l.add(pos("pow 2.5", (t, x) -> Arithmetic.pow(t, x[0], 2.5), s(4, 5)));
        l.add(pos("pow -0.5", (t, x) -> Arithmetic.pow(t, x[0], -0.5), s(4, 5)));
        l.add(c("square", (t, x) -> Arithmetic.square(t, x[0]), s(4, 5)));
        l.add(c("abs", (t, x) -> Arithmetic.abs(t, x[0]), s(4, 5)));
        l.add(c("sum", (t, x) -> Reductions.sum(t, x[0]), s(3, 4)));
        l.add(c("sum axis 0", (t, x) -> Reductions.sum(t, x[0], 0), s(3, 4)));
        l.add(c("sum axis 1", (t, x) -> Reductions.sum(t, x[0], 1), s(3, 4)));
        l.add(c("sum last axis of a batch", (t, x) -> Reductions.sum(t, x[0], -1), s(2, 3, 4)));
        l.add(c("mean", (t, x) -> Reductions.mean(t, x[0]), s(3, 4)));
        l.add(c("mean axis 0", (t, x) -> Reductions.mean(t, x[0], 0), s(3, 4)));
        l.add(c("reshape", (t, x) -> Arithmetic.mul(t, Shapes.reshape(t, x[0], 4, -1), x[1]), s(2, 6), s(4, 3)));
        l.add(c("transpose", (t, x) -> Arithmetic.mul(t, Shapes.transpose(t, x[0]), x[1]), s(3, 4), s(4, 3)));
        l.add(c("transpose batch", (t, x) -> Shapes.transpose(t, x[0]), s(2, 3, 4)));
        l.add(c("concat axis 0", (t, x) -> Shapes.concat(t, 0, x[0], x[1]), s(2, 3), s(4, 3)));
        l.add(c("concat last axis", (t, x) -> Shapes.concat(t, -1, x[0], x[1], x[0]), s(3, 2), s(3, 4)));
        l.add(c("slice axis 0", (t, x) -> Shapes.slice(t, x[0], 0, 1, 3), s(4, 3)));
        l.add(c("slice last axis", (t, x) -> Shapes.slice(t, x[0], 1, 2, 5), s(3, 6)));
        l.add(c("gather", (t, x) -> MessagePassing.gather(t, x[0], idx), s(4, 3)));
        l.add(c("embedding", (t, x) -> MessagePassing.gather(t, x[0], idx), s(4, 3)));
        l.add(c("scatterSum", (t, x) -> MessagePassing.scatterSum(t, x[0], idx), s(5, 3)));
        SparseMatrix sp = SparseMatrix.of(3, 4, new int[] {0, 2, 2, 0, 1}, new int[] {3, 0, 3, 3, 1},
                new double[] {0.5, -2, 1.5, 1, 3});
        l.add(c("sparseMultiply", (t, x) -> MessagePassing.sparseMultiply(t, sp, x[0]), s(4, 2)));
        l.add(c("sparseMultiply, product of two sparse uses", (t, x) -> MessagePassing.sparseMultiply(t, sp.transpose(),
                Arithmetic.square(t, MessagePassing.sparseMultiply(t, sp, x[0]))), s(4, 2)));
        l.add(c("linear", (t, x) -> FusedLayers.linear(t, x[0], x[1], x[2], false), s(5, 3), s(3, 4), s(4)));
        l.add(c("linear relu", (t, x) -> FusedLayers.linear(t, x[0], x[1], x[2], true), s(5, 3), s(3, 4), s(4)));
        l.add(c("linear relu, no bias, batch",
                (t, x) -> Arithmetic.square(t, FusedLayers.linear(t, x[0], x[1], null, true)), s(2, 3, 3), s(3, 2)));
        SparseMatrix adj = SparseMatrix.of(4, 4, new int[] {0, 1, 1, 2, 3, 3}, new int[] {1, 0, 3, 3, 1, 2},
                new double[] {1, 1, 0.5, 2, 0.5, 2});
        l.add(c("ginAggregate", (t, x) -> FusedLayers.ginAggregate(t, adj, x[0], x[1]), s(4, 3), s(1)));
        l.add(c("ginAggregate, nonsymmetric S, used twice", (t, x) -> FusedLayers.ginAggregate(t, adj,
                Arithmetic.square(t, FusedLayers.ginAggregate(t, adj, x[0], x[1])), x[1]), s(4, 2), s(1)));
        l.add(c("segmentMean", (t, x) -> MessagePassing.segmentMean(t, x[0], seg), s(6, 3)));
        l.add(c("dropout", (t, x) -> Regularization.dropout(t, x[0], 0.4, 17), s(5, 6)));
        l.add(c("layerNorm", (t, x) -> NormalizationLayers.layerNorm(t, x[0], x[1], x[2], 1e-5), s(4, 6), s(6), s(6)));
        l.add(c("batchNorm", (t, x) -> NormalizationLayers.batchNorm(t, x[0], x[1], x[2], null, 1e-5, null, null), s(7, 3),
                s(3), s(3)));
        boolean[] mask = {true, false, true, true, false, true, true};
        l.add(c("batchNorm masked", (t, x) -> NormalizationLayers.batchNorm(t, x[0], x[1], x[2], mask, 1e-5, null, null),
                s(7, 3), s(3), s(3)));
        Tensor target = Tensor.of(new double[] {0.3, -0.2, 0.9, 0.1, -0.7, 0.4}, 2, 3);
        l.add(new Case("l1Loss", -1, 1, new int[][] {s(2, 3)}, (t, x) -> Losses.l1(t, x[0], target), false));
        l.add(c("mseLoss", (t, x) -> Losses.mse(t, x[0], target), s(2, 3)));
        l.add(c("logSoftmax", (t, x) -> Losses.logSoftmax(t, x[0]), s(3, 5)));
        l.add(c("crossEntropy", (t, x) -> Losses.crossEntropy(t, x[0], new int[] {4, 0, 2}), s(3, 5)));
        l.add(c("cholesky", (t, x) -> LinearAlgebra.cholesky(t, spd(t, x[0])), s(4, 4)));
        l.add(c("solveTriangular left", (t, x) -> LinearAlgebra.solveTriangular(t, lower(t, x[0]), x[1], true, false),
                s(3, 3), s(3, 2)));
        l.add(c("solveTriangular left transposed",
                (t, x) -> LinearAlgebra.solveTriangular(t, lower(t, x[0]), x[1], true, true), s(3, 3), s(3, 2)));
        l.add(c("solveTriangular right", (t, x) -> LinearAlgebra.solveTriangular(t, lower(t, x[0]), x[1], false, false),
                s(3, 3), s(4, 3)));
        l.add(c("solveTriangular right transposed",
                (t, x) -> LinearAlgebra.solveTriangular(t, lower(t, x[0]), x[1], false, true), s(3, 3), s(4, 3)));
        l.add(c("lowerTriangle", (t, x) -> LinearAlgebra.lowerTriangle(t, x[0], 0.5), s(3, 3)));
        l.add(c("orthonormalize", (t, x) -> LinearAlgebra.orthonormalize(t, x[0], null), s(7, 3)));
        l.add(new Case("orthonormalize weighted", 0.5, 2, new int[][] {s(7, 3), s(7)},
                (t, x) -> LinearAlgebra.orthonormalize(t, Arithmetic.shift(t, x[0], -1.25), x[1]), true));
        return l.stream();
    }

    /** A A^T + I: symmetric positive definite, so both triangles carry the dependence on A. */
    private static Tensor spd(Tape t, Tensor a) {
        return Arithmetic.add(t, LinearAlgebra.matmul(t, a, a, false, true), Tensor.of(new double[] {
            1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1}, 4, 4));
    }

    /** A well-conditioned lower-triangular input: the diagonal is shifted away from zero. */
    private static Tensor lower(Tape t, Tensor a) {
        return Arithmetic.add(t, a, Tensor.of(new double[] {3, 0, 0, 0, 3, 0, 0, 0, 3}, 3, 3));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void gradientMatchesFiniteDifferences(Case c) {
        GradCheck.checkGradient(c.name(), c.f(), c.inputs(), 1e-6);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void hessianVectorProductMatchesFiniteDifferencesOfGradients(Case c) {
        if (c.hessian()) {
            GradCheck.checkHessianVector(c.name(), c.f(), c.inputs(), 1e-5);
        }
    }
}
