package lapis.graph.knn;

/**
 * A bounded max-heap of (squared distance, index) pairs that keeps the k smallest in the order of
 * {@link KnnResult}: by distance, ties by the smaller index. Workspace of one search on one thread; reused across
 * queries by {@link #clear()}.
 */
final class NeighborHeap {
    private final int capacity;
    private final double[] keys;
    private final int[] ids;
    private int size;

    NeighborHeap(int capacity) {
        this.capacity = capacity;
        this.keys = new double[capacity];
        this.ids = new int[capacity];
    }

    void clear() {
        size = 0;
    }

    boolean isFull() {
        return size == capacity;
    }

    /** The largest kept squared distance; meaningful once the heap is full. */
    double worst() {
        return keys[0];
    }

    /** Offers (d2, id): kept when the heap is not full or the pair precedes the current worst. */
    void offer(double d2, int id) {
        if (size < capacity) {
            int c = size++;
            while (c > 0) {
                int parent = (c - 1) >>> 1;
                if (!after(d2, id, keys[parent], ids[parent])) {
                    break;
                }
                keys[c] = keys[parent];
                ids[c] = ids[parent];
                c = parent;
            }
            keys[c] = d2;
            ids[c] = id;
        } else if (d2 < keys[0] || (d2 == keys[0] && id < ids[0])) {
            siftDown(d2, id, size);
        }
    }

    /** Empties the heap into row {@code row} of the outputs, ascending. */
    void drainInto(int row, int[] indices, double[] squaredDistances) {
        int base = row * capacity;
        for (int last = size - 1; last >= 0; last--) {
            indices[base + last] = ids[0];
            squaredDistances[base + last] = keys[0];
            siftDown(keys[last], ids[last], last);
        }
        size = 0;
    }

    /** Puts (d2, id) at the root of the heap of the first {@code n} slots and sifts it down. */
    private void siftDown(double d2, int id, int n) {
        int c = 0;
        while (true) {
            int child = 2 * c + 1;
            if (child >= n) {
                break;
            }
            if (child + 1 < n && after(keys[child + 1], ids[child + 1], keys[child], ids[child])) {
                child++;
            }
            if (!after(keys[child], ids[child], d2, id)) {
                break;
            }
            keys[c] = keys[child];
            ids[c] = ids[child];
            c = child;
        }
        if (n > 0) {
            keys[c] = d2;
            ids[c] = id;
        }
    }

    /** True when (da, ia) comes after (db, ib) in the order (distance, index). */
    private static boolean after(double da, int ia, double db, int ib) {
        return da > db || (da == db && ia > ib);
    }
}
