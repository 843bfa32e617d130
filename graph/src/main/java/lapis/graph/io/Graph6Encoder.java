package lapis.graph.io;

import lapis.graph.Graph;

/**
 * Writes graph6 and sparse6 strings as specified by B. McKay, "Description of graph6, sparse6 and digraph6
 * encodings" (nauty, formats.txt). Structure only: weights are not part of either format. Stateless.
 *
 * <p>graph6 stores the upper triangle of the adjacency matrix, O(n^2) bits; it cannot hold self-loops. sparse6
 * stores the edge list in O(|E| log n) bits and holds self-loops. JGraphT's own sparse6 exporter is not used: it
 * pads the last byte with 1 bits even when n = 2^k and the last edge ends at vertex n - 2, which the decoder reads
 * as a spurious loop at n - 1 (the exception in McKay's padding rule), and it tests all n^2 vertex pairs.
 */
final class Graph6Encoder {
    private final StringBuilder out = new StringBuilder();
    private int bits;
    private int bitCount;

    private Graph6Encoder() {
    }

    /**
     * The graph6 string of g (no newline). O(n^2).
     *
     * @throws IllegalArgumentException if g has a self-loop
     */
    static String graph6(Graph g, String[] names) {
        int n = g.vertexCount();
        for (int i = 0; i < n; i++) {
            if (g.hasEdge(i, i)) {
                throw new IllegalArgumentException("vertex " + names[i] + " has a self-loop, which graph6 cannot"
                        + " hold; write sparse6 instead");
            }
        }
        Graph6Encoder e = new Graph6Encoder();
        e.writeSize(n);
        for (int j = 1; j < n; j++) {
            for (int i = 0; i < j; i++) {
                e.writeBits(g.hasEdge(i, j) ? 1 : 0, 1);
            }
        }
        e.pad(0);
        return e.out.toString();
    }

    /** The sparse6 string of g, starting with ':' (no newline). O(n + |E|). */
    static String sparse6(Graph g) {
        int n = g.vertexCount();
        int k = 0;
        while (k < 31 && (1L << k) < n) {
            k++;
        }
        Graph6Encoder e = new Graph6Encoder();
        e.out.append(':');
        e.writeSize(n);
        int v = 0;
        for (int j = 0; j < n; j++) {
            for (int p = g.rowStart(j); p < g.rowStart(j + 1); p++) {
                int i = g.column(p);
                if (i > j) {
                    break;
                }
                if (j == v) {
                    e.writeBits(0, 1);
                } else {
                    e.writeBits(1, 1);
                    if (j > v + 1) {
                        e.writeBits(j, k);
                        e.writeBits(0, 1);
                    }
                    v = j;
                }
                e.writeBits(i, k);
            }
        }
        if (e.bitCount > 0) {
            int padding = 6 - e.bitCount;
            if (k < 6 && n == (1 << k) && v == n - 2 && padding >= k + 1) {
                e.writeBits(0, 1);
            }
            e.pad(1);
        }
        return e.out.toString();
    }

    private void writeSize(int n) {
        if (n <= 62) {
            out.append((char) (n + 63));
        } else if (n <= 258047) {
            out.append((char) 126);
            writeBits(n, 18);
        } else {
            out.append((char) 126).append((char) 126);
            writeBits(n >>> 18, 18);
            writeBits(n & ((1 << 18) - 1), 18);
        }
    }

    /** Appends the low {@code count} bits of {@code value}, most significant first. */
    private void writeBits(int value, int count) {
        for (int b = count - 1; b >= 0; b--) {
            bits = (bits << 1) | ((value >>> b) & 1);
            if (++bitCount == 6) {
                out.append((char) (bits + 63));
                bits = 0;
                bitCount = 0;
            }
        }
    }

    /** Fills the last character with copies of {@code bit}. */
    private void pad(int bit) {
        while (bitCount > 0) {
            writeBits(bit, 1);
        }
    }
}
