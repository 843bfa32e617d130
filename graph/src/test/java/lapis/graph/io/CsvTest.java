package lapis.graph.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.apache.commons.csv.CSVPrinter;
import org.junit.jupiter.api.Test;

class CsvTest {
    @Test
    void fieldsFollowRfc4180() {
        assertEquals(List.of("a", "b, c", "say \"hi\"", ""), Csv.fields("a,\"b, c\",\"say \"\"hi\"\"\","));
        assertEquals(List.of(""), Csv.fields(""));
    }

    @Test
    void malformedQuotesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Csv.fields("a,\"b"));
        IllegalArgumentException after = assertThrows(IllegalArgumentException.class,
                () -> Csv.fields("\"a\"b,c"));
        assertTrue(after.getMessage().contains("column 4"), after.getMessage());
    }

    @Test
    void printedRowsReadBackField() throws IOException {
        StringBuilder b = new StringBuilder();
        try (CSVPrinter p = Csv.printer(b, "name", "x")) {
            p.printRecord("a, \"b\"", Csv.number(0.1));
        }
        String[] lines = b.toString().split("\n");
        assertEquals(2, lines.length);
        assertEquals(List.of("name", "x"), Csv.fields(lines[0]));
        assertEquals(List.of("a, \"b\"", "0.1"), Csv.fields(lines[1]));
    }

    @Test
    void numbersKeepTheirDigitsAndNanIsEmpty() {
        assertEquals("1.0e-10", Csv.number(1e-10));
        assertEquals("2.0", Csv.number(2));
        assertEquals("0.33333333", Csv.number(1.0 / 3, 8));
        assertEquals("", Csv.number(Double.NaN));
        assertEquals("-inf", Csv.number(Double.NEGATIVE_INFINITY));
        assertEquals(1.0 / 3, Double.parseDouble(Csv.number(1.0 / 3)));
    }
}
