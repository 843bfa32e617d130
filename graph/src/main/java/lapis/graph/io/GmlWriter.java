package lapis.graph.io;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import lapis.graph.Graph;

/**
 * Writes GML: {@code graph [ directed 0 node [ id i label "name" ] ... edge [ source i target j weight w ] ... ]}.
 * Node ids are the indices 0..n-1 and labels the vertex names (GML ids must be integers). Weights are written in
 * plain decimal notation, the exact value of Java's shortest round-trip form, because the GML grammar of JGraphT
 * has no exponent; that is also why JGraphT's {@code GmlExporter}, which writes {@code 1.0E-5}, is not used.
 * Labels are quoted as JSON strings, whose escapes are Java's, which JGraphT's GML importer undoes. Stateless.
 */
final class GmlWriter {
    private GmlWriter() {
    }

    static void write(Graph g, String[] names, Writer out) throws IOException {
        out.write("graph [\n  directed 0\n");
        for (int i = 0; i < g.vertexCount(); i++) {
            out.write("  node [\n    id " + i + "\n    label " + Json.quote(names[i]) + "\n  ]\n");
        }
        for (int u = 0; u < g.vertexCount(); u++) {
            for (int k = g.rowStart(u); k < g.rowStart(u + 1); k++) {
                int v = g.column(k);
                if (u <= v) {
                    out.write("  edge [\n    source " + u + "\n    target " + v + "\n    weight "
                            + plain(g.weight(k)) + "\n  ]\n");
                }
            }
        }
        out.write("]\n");
    }

    /** The exact decimal value of Java's shortest round-trip form of w, without exponent or trailing zeros. */
    static String plain(double w) {
        return new BigDecimal(Double.toString(w)).stripTrailingZeros().toPlainString();
    }
}
