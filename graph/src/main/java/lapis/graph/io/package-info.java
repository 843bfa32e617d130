/**
 * Graph files: reading and writing {@link lapis.graph.IndexedGraph}s, and Laplacians as Matrix Market files.
 *
 * <h2>Formats</h2>
 * {@link lapis.graph.io.GraphFormat} names them; the format is chosen by the file's extension or by
 * {@code --format}.
 * <table>
 *   <caption>What each format carries</caption>
 *   <tr><th>format</th><th>extensions</th><th>vertex names</th><th>weights</th><th>direction</th></tr>
 *   <tr><td>edge list</td><td>.txt .edges .edgelist .el .csv .tsv</td><td>the tokens</td>
 *       <td>third field</td><td>undirected</td></tr>
 *   <tr><td>GraphML</td><td>.graphml .xml</td><td>node ids</td><td>edge key with attr.name "weight"</td>
 *       <td>{@code edgedefault}, edge {@code directed}</td></tr>
 *   <tr><td>GML</td><td>.gml</td><td>node labels if all present and distinct, else the integer ids</td>
 *       <td>{@code weight}, else {@code value}</td><td>{@code directed 1}</td></tr>
 *   <tr><td>DOT</td><td>.dot .gv</td><td>node ids</td><td>edge attribute {@code weight}</td>
 *       <td>{@code digraph}, or an arc {@code ->}</td></tr>
 *   <tr><td>JSON (JGraphT's)</td><td>.json</td><td>node ids</td><td>edge {@code weight}</td>
 *       <td>none: undirected</td></tr>
 *   <tr><td>graph6 / sparse6 (McKay)</td><td>.g6 / .s6</td><td>0..n-1</td><td>none: 1</td>
 *       <td>undirected</td></tr>
 * </table>
 * The edge list is read here (see {@code EdgeListFormat} for the grammar and the header rule); the others through
 * the jgrapht-io importers. A missing weight is 1. {@link lapis.graph.io.GraphWriter} writes all seven so that
 * {@link lapis.graph.io.GraphReader} reads back the same names and weights (graph6 and sparse6: the same
 * structure, weights dropped; an edge list cannot hold an isolated vertex).
 *
 * <h2>Error policy</h2>
 * The same checks apply to every format, with the policy of {@link lapis.graph.GraphOptions}:
 * <ul>
 *   <li>a weight that is NaN, infinite, zero or negative, or that is not a number, is an error naming the edge by
 *       its vertex ids (JGraphT's importers would read an unparsable GraphML or JSON weight as 1);</li>
 *   <li>a self-loop is an error unless {@code keepSelfLoops};</li>
 *   <li>a directed graph is an error unless {@code symmetrize}, which reads each arc u -&gt; v as the edge {u, v};</li>
 *   <li>parallel edges (and, when symmetrising, arcs both ways) sum their weights;</li>
 *   <li>syntax errors carry the line where the parser reports one (edge list: always; GraphML, GML, DOT, JSON:
 *       syntax errors; graph6 / sparse6: never).</li>
 * </ul>
 * Every problem in a file is a {@link lapis.graph.io.GraphFormatException} (a JGraphT
 * {@link org.jgrapht.nio.ImportException}) with its source, line (0 when unknown) and problem; the message is
 * {@code source:line: problem}. No partially built graph is ever returned. Failures to open or read a file are
 * {@link java.io.UncheckedIOException}s. Files are written through {@link lapis.graph.io.AtomicFiles}: a temporary
 * file and a rename, so nothing is half-written.
 */
package lapis.graph.io;
