package lapis.datasets.mesh;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import lapis.graph.io.GraphFormatException;

/**
 * Reads Stanford PLY, ASCII or binary little-endian (Turk, 1994).
 *
 * <p>Header: "ply", "format ascii 1.0" or "format binary_little_endian 1.0" (big-endian is refused), "comment" and
 * "obj_info" lines, "element NAME COUNT" followed by its "property TYPE NAME" or "property list COUNT_TYPE ITEM_TYPE
 * NAME" lines, and "end_header". Types: char/int8, uchar/uint8, short/int16, ushort/uint16, int/int32,
 * uint/uint32, float/float32, double/float64. The element "vertex" must have scalar x, y and z; the element "face"
 * (optional) a list "vertex_indices" or "vertex_index" of 0-based indices; other elements and properties are read
 * and ignored. Errors in the ASCII body name the line; in a binary body the line is 0 and the problem names the
 * element, the item and the byte offset. Stateless.
 */
final class PlyReader {
    private PlyReader() {
    }

    private enum Type {
        INT8(1), UINT8(1), INT16(2), UINT16(2), INT32(4), UINT32(4), FLOAT32(4), FLOAT64(8);

        final int size;

        Type(int size) {
            this.size = size;
        }

        static Type parse(String name) {
            return switch (name) {
                case "char", "int8" -> INT8;
                case "uchar", "uint8" -> UINT8;
                case "short", "int16" -> INT16;
                case "ushort", "uint16" -> UINT16;
                case "int", "int32" -> INT32;
                case "uint", "uint32" -> UINT32;
                case "float", "float32" -> FLOAT32;
                case "double", "float64" -> FLOAT64;
                default -> null;
            };
        }

        double read(ByteBuffer b) {
            return switch (this) {
                case INT8 -> b.get();
                case UINT8 -> Byte.toUnsignedInt(b.get());
                case INT16 -> b.getShort();
                case UINT16 -> Short.toUnsignedInt(b.getShort());
                case INT32 -> b.getInt();
                case UINT32 -> Integer.toUnsignedLong(b.getInt());
                case FLOAT32 -> b.getFloat();
                case FLOAT64 -> b.getDouble();
            };
        }
    }

    /** A property: a scalar (countType null) or a list. */
    private record Property(String name, Type type, Type countType) {
    }

    private record Element(String name, long count, List<Property> properties, int line) {
    }

    static MeshAssembler read(byte[] bytes, String source) {
        int pos = 0;
        int line = 0;
        boolean binary = false;
        boolean sawFormat = false;
        List<Element> elements = new ArrayList<>();
        while (true) {
            int end = pos;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            if (end == bytes.length) {
                throw new GraphFormatException(source, line, "the header has no end_header line", null);
            }
            String text = new String(bytes, pos, end - pos, StandardCharsets.US_ASCII).strip();
            pos = end + 1;
            line++;
            String[] t = text.isEmpty() ? new String[0] : text.split("\\s+");
            if (line == 1) {
                if (!text.equals("ply")) {
                    throw new GraphFormatException(source, 1, "expected the magic line 'ply', found '" + text + "'",
                            null);
                }
                continue;
            }
            if (t.length == 0 || t[0].equals("comment") || t[0].equals("obj_info")) {
                continue;
            }
            if (t[0].equals("end_header")) {
                break;
            }
            switch (t[0]) {
                case "format" -> {
                    if (t.length != 3 || !t[2].equals("1.0")) {
                        throw new GraphFormatException(source, line, "expected 'format <kind> 1.0', found '" + text
                                + "'", null);
                    }
                    binary = switch (t[1]) {
                        case "ascii" -> false;
                        case "binary_little_endian" -> true;
                        case "binary_big_endian" -> throw new GraphFormatException(source, line,
                                "binary_big_endian PLY is not supported; convert it to ascii or little-endian", null);
                        default -> throw new GraphFormatException(source, line, "unknown PLY format '" + t[1] + "'",
                                null);
                    };
                    sawFormat = true;
                }
                case "element" -> {
                    long count;
                    try {
                        count = t.length == 3 ? Long.parseLong(t[2]) : -1;
                    } catch (NumberFormatException e) {
                        count = -1;
                    }
                    if (count < 0 || count > Integer.MAX_VALUE) {
                        throw new GraphFormatException(source, line, "expected 'element <name> <count>' with a count"
                                + " in 0.." + Integer.MAX_VALUE + ", found '" + text + "'", null);
                    }
                    elements.add(new Element(t[1], count, new ArrayList<>(), line));
                }
                case "property" -> {
                    if (elements.isEmpty()) {
                        throw new GraphFormatException(source, line, "a property before any element", null);
                    }
                    elements.get(elements.size() - 1).properties().add(property(t, text, source, line));
                }
                default -> throw new GraphFormatException(source, line, "unknown header keyword '" + t[0] + "'",
                        null);
            }
        }
        if (!sawFormat) {
            throw new GraphFormatException(source, line, "the header has no format line", null);
        }
        Element vertex = elements.stream().filter(e -> e.name().equals("vertex")).findFirst().orElseThrow(
                () -> new GraphFormatException(source, 0, "the header declares no 'vertex' element", null));
        int[] xyz = new int[3];
        for (int a = 0; a < 3; a++) {
            String axis = "xyz".substring(a, a + 1);
            xyz[a] = indexOf(vertex, axis);
            if (xyz[a] < 0 || vertex.properties().get(xyz[a]).countType() != null) {
                throw new GraphFormatException(source, vertex.line(), "the vertex element has no scalar property '"
                        + axis + "'", null);
            }
        }
        int facesAt = -1;
        for (Element e : elements) {
            if (e.name().equals("face")) {
                facesAt = indexOf(e, "vertex_indices");
                facesAt = facesAt >= 0 ? facesAt : indexOf(e, "vertex_index");
                if (facesAt < 0 || e.properties().get(facesAt).countType() == null) {
                    throw new GraphFormatException(source, e.line(), "the face element has no list property"
                            + " 'vertex_indices' (or 'vertex_index')", null);
                }
            }
        }
        MeshAssembler mesh = new MeshAssembler(source);
        if (binary) {
            readBinary(ByteBuffer.wrap(bytes, pos, bytes.length - pos).order(ByteOrder.LITTLE_ENDIAN), elements,
                    xyz, facesAt, mesh, source);
        } else {
            readAscii(new TextLines(new BufferedReader(new InputStreamReader(new ByteArrayInputStream(bytes, pos,
                    bytes.length - pos), StandardCharsets.US_ASCII)), source, line), elements, xyz, facesAt, mesh);
        }
        return mesh;
    }

    private static Property property(String[] t, String text, String source, int line) {
        if (t.length == 5 && t[1].equals("list")) {
            Type count = Type.parse(t[2]);
            Type item = Type.parse(t[3]);
            if (count == null || item == null || count == Type.FLOAT32 || count == Type.FLOAT64) {
                throw new GraphFormatException(source, line, "bad list property '" + text + "'", null);
            }
            return new Property(t[4], item, count);
        }
        if (t.length == 3 && Type.parse(t[1]) != null) {
            return new Property(t[2], Type.parse(t[1]), null);
        }
        throw new GraphFormatException(source, line, "expected 'property <type> <name>' or 'property list <count type>"
                + " <item type> <name>', found '" + text + "'", null);
    }

    private static int indexOf(Element e, String name) {
        for (int i = 0; i < e.properties().size(); i++) {
            if (e.properties().get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static void readAscii(TextLines in, List<Element> elements, int[] xyz, int facesAt, MeshAssembler mesh) {
        for (Element e : elements) {
            boolean isVertex = e.name().equals("vertex");
            boolean isFace = e.name().equals("face");
            for (long item = 0; item < e.count(); item++) {
                String[] t = in.next();
                if (t == null) {
                    throw in.error("the file ends after " + item + " of the " + e.count() + " '" + e.name()
                            + "' items declared on line " + e.line());
                }
                double[] scalar = new double[e.properties().size()];
                int[] list = null;
                int k = 0;
                for (int p = 0; p < e.properties().size(); p++) {
                    Property prop = e.properties().get(p);
                    String what = e.name() + " " + item + " property '" + prop.name() + "'";
                    if (k >= t.length) {
                        throw in.error(what + " is missing: the line has " + t.length + " values");
                    }
                    if (prop.countType() == null) {
                        scalar[p] = number(in, t[k++], what);
                    } else {
                        int len = in.integer(t[k++], what + " length");
                        if (len < 0 || k + len > t.length) {
                            throw in.error(what + " declares " + len + " items but the line has " + (t.length - k));
                        }
                        int[] items = new int[len];
                        for (int j = 0; j < len; j++) {
                            items[j] = in.integer(t[k++], what + " item " + j);
                        }
                        if (isFace && p == facesAt) {
                            list = items;
                        }
                    }
                }
                if (k != t.length) {
                    throw in.error(e.name() + " " + item + " has " + t.length + " values; its properties take " + k);
                }
                if (isVertex) {
                    mesh.vertex(scalar[xyz[0]], scalar[xyz[1]], scalar[xyz[2]]);
                } else if (isFace) {
                    mesh.face(list, in.line());
                }
            }
        }
        if (in.next() != null) {
            throw in.error("unexpected content after the last element declared in the header");
        }
    }

    private static double number(TextLines in, String token, String what) {
        double v;
        try {
            v = Double.parseDouble(token);
        } catch (NumberFormatException e) {
            throw in.error(what + " '" + token + "' is not a number");
        }
        if (!Double.isFinite(v)) {
            throw in.error(what + " is " + token + "; values must be finite");
        }
        return v;
    }

    private static void readBinary(ByteBuffer b, List<Element> elements, int[] xyz, int facesAt, MeshAssembler mesh,
            String source) {
        int start = b.position();
        for (Element e : elements) {
            boolean isVertex = e.name().equals("vertex");
            boolean isFace = e.name().equals("face");
            for (long item = 0; item < e.count(); item++) {
                int at = b.position() - start;
                try {
                    double[] scalar = new double[e.properties().size()];
                    int[] list = null;
                    for (int p = 0; p < e.properties().size(); p++) {
                        Property prop = e.properties().get(p);
                        if (prop.countType() == null) {
                            scalar[p] = prop.type().read(b);
                            continue;
                        }
                        double len = prop.countType().read(b);
                        if (len < 0) {
                            throw new GraphFormatException(source, 0, e.name() + " " + item + " (byte " + at
                                    + " of the body): list '" + prop.name() + "' has length " + (long) len, null);
                        }
                        int[] items = new int[(int) len];
                        for (int j = 0; j < items.length; j++) {
                            double v = prop.type().read(b);
                            if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
                                throw new GraphFormatException(source, 0, e.name() + " " + item + " (byte " + at
                                        + " of the body): list '" + prop.name() + "' item " + v + " is not an index",
                                        null);
                            }
                            items[j] = (int) v;
                        }
                        if (isFace && p == facesAt) {
                            list = items;
                        }
                    }
                    if (isVertex) {
                        for (int a = 0; a < 3; a++) {
                            if (!Double.isFinite(scalar[xyz[a]])) {
                                throw new GraphFormatException(source, 0, "vertex " + item + " (byte " + at
                                        + " of the body) has " + "xyz".charAt(a) + " = " + scalar[xyz[a]]
                                        + "; coordinates must be finite", null);
                            }
                        }
                        mesh.vertex(scalar[xyz[0]], scalar[xyz[1]], scalar[xyz[2]]);
                    } else if (isFace) {
                        mesh.face(list, 0);
                    }
                } catch (BufferUnderflowException ex) {
                    throw new GraphFormatException(source, 0, "the file ends inside " + e.name() + " " + item + " of "
                            + e.count() + " (byte " + at + " of the body)", ex);
                }
            }
        }
        if (b.hasRemaining()) {
            throw new GraphFormatException(source, 0, b.remaining() + " bytes follow the last element declared in the"
                    + " header", null);
        }
    }
}
