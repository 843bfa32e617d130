package lapis.encodings.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Runs the README example on a 30 x 30 grid (the sparse route, n = 900 &gt; 200), into a buffer. */
class EntryPointExampleTest {
    @Test
    void theReadmeExampleRuns() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        EntryPointExample.run(30, new PrintStream(buffer, true, StandardCharsets.UTF_8));
        String out = buffer.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("graph: 900 vertices, 1740 edges"), out);
        assertTrue(out.contains("Lanczos") && out.contains("converged true"), out);
        assertTrue(out.contains("eigenvalues: [0.000e+00,"), out);
        assertTrue(out.contains("feature laplacian_eigenvector_pe: 900x8"), out);
        assertTrue(out.contains("feature random_walk_pe: 900x16"), out);
    }
}
