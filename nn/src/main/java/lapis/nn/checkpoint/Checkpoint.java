package lapis.nn.checkpoint;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.CRC32;
import lapis.nn.DType;
import lapis.nn.Module;
import lapis.nn.Tensor;
import lapis.nn.optim.Optimizer;

/**
 * A model's parameters and buffers and, optionally, its optimiser's state and step count, in one binary file.
 *
 * <p>Layout (big-endian): the magic {@code LAPISCKP}, format version 1, the payload length, the payload, and the
 * CRC-32 of the payload. The payload holds the named tensors (name, type, shape, values in their own type, so
 * float32 parameters round-trip exactly), the buffers likewise, then the optimiser's class name, step count and
 * named float64 arrays. {@link #save} writes a temporary file in the target's directory, forces it to disk and
 * renames it over the target atomically, so a crash leaves either the old or the new file, never half of one.
 * {@link #load} checks length and checksum first, then every name, type and shape against the model, and changes
 * nothing unless all of it matches.
 */
public final class Checkpoint {
    private static final byte[] MAGIC = "LAPISCKP".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int VERSION = 1;
    private static final int HEADER = MAGIC.length + 4 + 8;

    private Checkpoint() {
    }

    /** Writes {@code model} (and {@code optimizer}'s state, if not null) to {@code file} atomically. */
    public static void save(Path file, Module model, Optimizer optimizer) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(model, "model");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writeTensors(out, model.namedParameters());
            writeTensors(out, model.namedBuffers());
            if (optimizer == null) {
                out.writeUTF("");
            } else {
                out.writeUTF(optimizer.getClass().getName());
                out.writeLong(optimizer.steps());
                Map<String, double[]> state = optimizer.state();
                out.writeInt(state.size());
                for (Map.Entry<String, double[]> e : state.entrySet()) {
                    out.writeUTF(e.getKey());
                    out.writeInt(e.getValue().length);
                    for (double v : e.getValue()) {
                        out.writeDouble(v);
                    }
                }
            }
        }
        byte[] payload = bytes.toByteArray();
        CRC32 crc = new CRC32();
        crc.update(payload);
        ByteBuffer head = ByteBuffer.allocate(HEADER);
        head.put(MAGIC).putInt(VERSION).putLong(payload.length).flip();
        ByteBuffer tail = ByteBuffer.allocate(8);
        tail.putLong(crc.getValue()).flip();
        Path target = file.toAbsolutePath();
        Path tmp = Files.createTempFile(target.getParent(), target.getFileName() + ".", ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.write(new ByteBuffer[] {head, ByteBuffer.wrap(payload), tail});
                ch.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void writeTensors(DataOutputStream out, Map<String, Tensor> tensors) throws IOException {
        out.writeInt(tensors.size());
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            Tensor t = e.getValue();
            out.writeUTF(e.getKey());
            out.writeByte(t.dtype().ordinal());
            out.writeByte(t.rank());
            for (int d : t.shape()) {
                out.writeInt(d);
            }
            if (t.dtype() == DType.F32) {
                for (float v : t.toFloatArray()) {
                    out.writeFloat(v);
                }
            } else {
                for (double v : t.toDoubleArray()) {
                    out.writeDouble(v);
                }
            }
        }
    }

    private record Stored(DType dtype, int[] shape, double[] values) {
    }

    /**
     * Restores {@code model} (and {@code optimizer}, if not null) from {@code file}.
     *
     * @throws CheckpointException if the file is not a checkpoint, truncated or corrupt (checksum), or if names,
     *     types or shapes differ from the model's (all differences are listed), or if the optimiser differs; the
     *     model and optimiser are then unchanged
     */
    public static void load(Path file, Module model, Optimizer optimizer) throws IOException {
        Objects.requireNonNull(model, "model");
        byte[] all = verified(file);
        long length = all.length - HEADER - 8;
        Map<String, Stored> params;
        Map<String, Stored> buffers;
        String optClass;
        long steps = 0;
        Map<String, double[]> optState = new LinkedHashMap<>();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(all, HEADER, (int) length))) {
            params = readTensors(in);
            buffers = readTensors(in);
            optClass = in.readUTF();
            if (!optClass.isEmpty()) {
                steps = in.readLong();
                int count = in.readInt();
                for (int i = 0; i < count; i++) {
                    String name = in.readUTF();
                    double[] v = new double[in.readInt()];
                    for (int j = 0; j < v.length; j++) {
                        v[j] = in.readDouble();
                    }
                    optState.put(name, v);
                }
            }
        } catch (EOFException e) {
            throw new CheckpointException(file, "payload ends early although the checksum matches", e);
        }
        List<String> problems = new ArrayList<>();
        compare("parameter", params, model.namedParameters(), problems);
        compare("buffer", buffers, model.namedBuffers(), problems);
        if (!problems.isEmpty()) {
            throw new CheckpointException(file, "does not match the model: " + String.join("; ", problems), null);
        }
        if (optimizer != null) {
            if (optClass.isEmpty()) {
                throw new CheckpointException(file, "holds no optimiser state", null);
            }
            if (!optClass.equals(optimizer.getClass().getName())) {
                throw new CheckpointException(file, "optimiser state is for " + optClass + ", not "
                        + optimizer.getClass().getName(), null);
            }
            try {
                optimizer.loadState(optState, steps);
            } catch (IllegalArgumentException e) {
                throw new CheckpointException(file, e.getMessage(), e);
            }
        }
        assign(params, model.namedParameters());
        assign(buffers, model.namedBuffers());
    }

    /**
     * The buffers stored in {@code file} by name, as constants, without a model to load them into: for results
     * that record their own configuration in buffers and must read it before they can build the model.
     *
     * @throws CheckpointException if the file is not a checkpoint, truncated or corrupt (checksum)
     */
    public static Map<String, Tensor> readBuffers(Path file) throws IOException {
        byte[] all = verified(file);
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(all, HEADER, all.length - HEADER - 8))) {
            readTensors(in);
            Map<String, Tensor> out = new LinkedHashMap<>();
            readTensors(in).forEach((name, st) -> out.put(name, Tensor.of(st.dtype(), st.values(), st.shape())));
            return out;
        } catch (EOFException e) {
            throw new CheckpointException(file, "payload ends early although the checksum matches", e);
        }
    }

    /** The whole file after its header, length and checksum have been checked. */
    private static byte[] verified(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        if (all.length < HEADER || !Arrays.equals(Arrays.copyOf(all, MAGIC.length), MAGIC)) {
            throw new CheckpointException(file, "not a Lapis checkpoint (no LAPISCKP header)", null);
        }
        ByteBuffer head = ByteBuffer.wrap(all, MAGIC.length, 12);
        int version = head.getInt();
        long length = head.getLong();
        if (version != VERSION) {
            throw new CheckpointException(file, "format version " + version + ", this reader knows " + VERSION, null);
        }
        if (all.length != HEADER + length + 8) {
            throw new CheckpointException(file, "truncated or padded: expected " + (HEADER + length + 8)
                    + " bytes, found " + all.length, null);
        }
        CRC32 crc = new CRC32();
        crc.update(all, HEADER, (int) length);
        long stored = ByteBuffer.wrap(all, HEADER + (int) length, 8).getLong();
        if (stored != crc.getValue()) {
            throw new CheckpointException(file, "corrupt: checksum mismatch", null);
        }
        return all;
    }

    private static Map<String, Stored> readTensors(DataInputStream in) throws IOException {
        int count = in.readInt();
        Map<String, Stored> out = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String name = in.readUTF();
            DType dtype = DType.values()[in.readByte()];
            int[] shape = new int[in.readByte()];
            int size = 1;
            for (int d = 0; d < shape.length; d++) {
                shape[d] = in.readInt();
                size *= shape[d];
            }
            double[] v = new double[size];
            for (int j = 0; j < size; j++) {
                v[j] = dtype == DType.F32 ? in.readFloat() : in.readDouble();
            }
            out.put(name, new Stored(dtype, shape, v));
        }
        return out;
    }

    private static void compare(String kind, Map<String, Stored> file, Map<String, Tensor> model,
                                List<String> problems) {
        for (String name : model.keySet()) {
            if (!file.containsKey(name)) {
                problems.add(kind + " '" + name + "' is missing from the file");
            }
        }
        for (Map.Entry<String, Stored> e : file.entrySet()) {
            Tensor t = model.get(e.getKey());
            Stored s = e.getValue();
            if (t == null) {
                problems.add("the file has " + kind + " '" + e.getKey() + "' which the model lacks");
            } else if (!Arrays.equals(t.shape(), s.shape()) || t.dtype() != s.dtype()) {
                problems.add(kind + " '" + e.getKey() + "' is " + s.dtype() + " " + Arrays.toString(s.shape())
                        + " in the file but " + t.dtype() + " " + Arrays.toString(t.shape()) + " in the model");
            }
        }
    }

    private static void assign(Map<String, Stored> file, Map<String, Tensor> model) {
        for (Map.Entry<String, Tensor> e : model.entrySet()) {
            e.getValue().assign(file.get(e.getKey()).values());
        }
    }
}
