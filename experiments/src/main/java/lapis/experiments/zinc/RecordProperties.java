package lapis.experiments.zinc;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Map;
import java.util.Objects;

/**
 * Flat text form of configuration records for run directories: each component becomes a key
 * {@code prefix.component} with its value as text; int, long, double, boolean and enum components are
 * supported. Reading checks that every key is present and parses, and goes through the record's constructor, so
 * its validation applies.
 */
final class RecordProperties {
    private RecordProperties() {
    }

    static void write(String prefix, Record r, Map<String, String> out) {
        Objects.requireNonNull(r, "record");
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            try {
                Object v = c.getAccessor().invoke(r);
                out.put(prefix + "." + c.getName(), v instanceof Enum<?> e ? e.name() : String.valueOf(v));
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read " + c.getName() + " of " + r, e);
            }
        }
    }

    static <R extends Record> R read(String prefix, Class<R> type, Map<String, String> in) {
        RecordComponent[] comps = type.getRecordComponents();
        Class<?>[] types = new Class<?>[comps.length];
        Object[] args = new Object[comps.length];
        for (int i = 0; i < comps.length; i++) {
            String key = prefix + "." + comps[i].getName();
            String text = in.get(key);
            if (text == null) {
                throw new IllegalArgumentException("configuration lacks '" + key + "'");
            }
            types[i] = comps[i].getType();
            try {
                args[i] = parse(types[i], text.strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("configuration '" + key + "' = '" + text + "': " + e.getMessage(),
                        e);
            }
        }
        try {
            Constructor<R> ctor = type.getDeclaredConstructor(types);
            return ctor.newInstance(args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw cause instanceof IllegalArgumentException iae ? iae
                    : new IllegalArgumentException("cannot build " + type.getSimpleName() + ": " + cause, cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + type.getSimpleName(), e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object parse(Class<?> t, String s) {
        if (t == int.class) {
            return Integer.parseInt(s);
        }
        if (t == long.class) {
            return Long.parseLong(s);
        }
        if (t == double.class) {
            return Double.parseDouble(s);
        }
        if (t == boolean.class) {
            if (!s.equals("true") && !s.equals("false")) {
                throw new IllegalArgumentException("expected true or false");
            }
            return Boolean.parseBoolean(s);
        }
        if (t.isEnum()) {
            return Enum.valueOf((Class<? extends Enum>) t, s);
        }
        throw new IllegalArgumentException("unsupported type " + t.getSimpleName());
    }
}
