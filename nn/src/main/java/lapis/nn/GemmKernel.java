package lapis.nn;

/**
 * One block of rows of a matrix product, C[i0..i1) (+)= A B, for both element types. A's element (i, p) is at
 * {@code a[aOff + i * sai + p * sap]}, so a transposed A is a change of strides; B is row-major with leading
 * dimension {@code ldb} and C with {@code ldc}. Every C element must be computed by one sequential sweep over p,
 * so that a split of the rows among threads cannot change any result.
 */
interface GemmKernel {
    void f32(float[] a, int aOff, int sai, int sap, float[] b, int bOff, int ldb, float[] c, int cOff, int ldc,
             int i0, int i1, int n, int k, boolean accumulate);

    void f64(double[] a, int aOff, int sai, int sap, double[] b, int bOff, int ldb, double[] c, int cOff, int ldc,
             int i0, int i1, int n, int k, boolean accumulate);

    /**
     * Rows [r0, r1) of Y = self X + S X for S in compressed sparse rows (offsets, columns, values) and X, Y
     * row-major of width w. Each Y element is one sequential chain of fused multiply-adds: self times X's element
     * first (0 when self = 0, whatever X holds), then the row's entries in stored order, so a split of the rows among threads, or the kernel, cannot
     * change a result.
     */
    void sparseF32(int[] offsets, int[] columns, float[] values, float[] x, float[] y, int w, float self, int r0,
                   int r1);

    void sparseF64(int[] offsets, int[] columns, double[] values, double[] x, double[] y, int w, double self, int r0,
                   int r1);
}
