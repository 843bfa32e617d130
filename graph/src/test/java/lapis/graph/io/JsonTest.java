package lapis.graph.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    private static Map<String, Object> sample() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("b", List.of(1, "x", true));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("z", "say \"hi\"\n\ttab\u0001");
        m.put("a", 0.1);
        m.put("n", 42L);
        m.put("nan", Double.NaN);
        m.put("inf", Double.NEGATIVE_INFINITY);
        m.put("v", new double[] {1e-10, Double.NaN, 3});
        m.put("i", new int[] {2, 3});
        m.put("inner", inner);
        m.put("empty", Map.of());
        m.put("none", null);
        return m;
    }

    @Test
    void bothFormsParseBackToTheValuesWithNonFiniteAsNull() {
        for (String text : List.of(Json.write(sample()), Json.line(sample()))) {
            @SuppressWarnings("unchecked")
            Map<String, Object> back = (Map<String, Object>) Json.parse(text);
            assertEquals(List.of("z", "a", "n", "nan", "inf", "v", "i", "inner", "empty", "none"),
                    List.copyOf(back.keySet()), "keys keep their order");
            assertEquals("say \"hi\"\n\ttab\u0001", back.get("z"));
            assertEquals(0.1, back.get("a"));
            assertEquals(42L, back.get("n"));
            assertNull(back.get("nan"));
            assertNull(back.get("inf"));
            assertEquals(Arrays.asList(1e-10, null, 3.0), back.get("v"));
            assertEquals(List.of(2L, 3L), back.get("i"));
            assertEquals(Map.of("b", List.of(1L, "x", true)), back.get("inner"));
            assertEquals(Map.of(), back.get("empty"));
            assertNull(back.get("none"));
        }
    }

    @Test
    void lineIsOneLineAndWriteIndentsObjects() {
        assertFalse(Json.line(sample()).contains("\n"));
        Map<String, Object> small = new LinkedHashMap<>();
        small.put("k", new int[] {1, 2});
        small.put("e", Map.of());
        assertEquals("{\"k\": [1, 2], \"e\": {}}", Json.line(small));
        assertEquals("{\n  \"k\": [1, 2],\n  \"e\": {}\n}\n", Json.write(small));
    }

    @Test
    void quoteEscapesQuotesBackslashesAndControlCharacters() {
        String q = Json.quote("a\"b\\c\nd\u0007");
        assertEquals("a\"b\\c\nd\u0007", Json.parse(q));
        assertFalse(q.chars().anyMatch(c -> c < 0x20), q);
    }

    @Test
    void parseRefusesTrailingTextAndNonJson() {
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{} 1"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\": }"));
        assertThrows(IllegalArgumentException.class, () -> Json.write(new Object()));
    }
}
