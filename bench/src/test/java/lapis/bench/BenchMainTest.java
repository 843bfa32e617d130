package lapis.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The bench jar's command line: every sub-command explains itself, and bad usage names the option. */
class BenchMainTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return BenchMain.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void everySubcommandHasHelpWithoutPicocliWarnings() {
        CommandLine root = new CommandLine(new BenchCommand());
        assertTrue(root.getSubcommands().keySet().containsAll(java.util.List.of("knn", "zinc-eigh", "gine", "soap",
                "spe", "basis", "sparse", "encode", "jmh")), root.getSubcommands().keySet().toString());
        for (String name : root.getSubcommands().keySet()) {
            if (name.equals("help") || name.equals("jmh")) {
                continue;
            }
            assertEquals(0, run(name, "--help"), name + ": " + err);
            assertFalse(err.toString().contains("WARN"), name + ": " + err);
        }
        assertTrue(out.toString().contains("--case"), "sparse's help names its options");
    }

    @Test
    void theEncodeChainRunsOnASmallGridOnTheSparseRoute() {
        assertEquals(0, run("encode", "--side", "30"));
        String text = out.toString();
        assertTrue(text.contains("graph: 900 vertices, 1740 edges"), text);
        assertTrue(text.contains("Lanczos") && text.contains("converged true"), text);
        assertTrue(text.contains("eigenvalues: [0.000e+00,"), text);
        assertTrue(text.contains("feature laplacian_eigenvector_pe: 900x8"), text);
        assertTrue(text.contains("feature random_walk_pe: 900x16"), text);
    }

    @Test
    void theSphereCaseNeedsItsEdgeFile() {
        assertEquals(2, run("sparse", "--case", "sphere"));
        assertTrue(err.toString().contains("--case sphere needs --edges FILE"), err.toString());
        assertEquals(2, run("sparse", "--case", "torus"));
        assertTrue(err.toString().contains("--case must be grid or sphere, not 'torus'"), err.toString());
    }
}
