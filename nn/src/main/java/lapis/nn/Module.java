package lapis.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A model part that owns named parameters (leaves that need gradients), named buffers (state that is saved but
 * not trained, such as batch-norm running statistics) and named child modules. Names join with dots in
 * registration order ({@code "layers.0.mlp.linear1.weight"}), which is the order of optimiser state and of
 * checkpoints. Registration happens in constructors only; afterwards the structure is fixed.
 */
public abstract class Module {
    private final Map<String, Tensor> parameters = new LinkedHashMap<>();
    private final Map<String, Tensor> buffers = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();

    private void checkName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.contains(".")) {
            throw new IllegalArgumentException("module entry names are non-empty and have no dots, got '" + name
                    + "'");
        }
        if (parameters.containsKey(name) || buffers.containsKey(name) || children.containsKey(name)) {
            throw new IllegalArgumentException("name '" + name + "' is already registered");
        }
    }

    /** Registers a trainable parameter initialised with a copy of {@code initial}; returns the parameter. */
    protected final Tensor parameter(String name, Tensor initial) {
        checkName(name);
        Tensor p = initial.variable();
        parameters.put(name, p);
        return p;
    }

    /** Registers a buffer holding a copy of {@code initial}; returns it (its values change through assign). */
    protected final Tensor buffer(String name, Tensor initial) {
        checkName(name);
        Tensor b = initial.detach();
        buffers.put(name, b);
        return b;
    }

    /** Registers a child module; returns it. */
    protected final <M extends Module> M child(String name, M module) {
        checkName(name);
        children.put(name, Objects.requireNonNull(module, "module"));
        return module;
    }

    /** All parameters of this module and its children by dotted name, in registration order. */
    public final Map<String, Tensor> namedParameters() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collect("", out, true);
        return Collections.unmodifiableMap(out);
    }

    /** All buffers by dotted name, in registration order. */
    public final Map<String, Tensor> namedBuffers() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collect("", out, false);
        return Collections.unmodifiableMap(out);
    }

    private void collect(String prefix, Map<String, Tensor> out, boolean params) {
        (params ? parameters : buffers).forEach((k, v) -> out.put(prefix + k, v));
        children.forEach((k, m) -> m.collect(prefix + k + ".", out, params));
    }

    /** This module and all its descendants that are instances of {@code type}, in registration order. */
    public final <M extends Module> List<M> modulesOf(Class<M> type) {
        List<M> out = new ArrayList<>();
        collectModules(type, out);
        return out;
    }

    private <M extends Module> void collectModules(Class<M> type, List<M> out) {
        if (type.isInstance(this)) {
            out.add(type.cast(this));
        }
        children.values().forEach(m -> m.collectModules(type, out));
    }

    /** The parameters in registration order. */
    public final List<Tensor> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    /** Number of trainable scalars. */
    public final long parameterCount() {
        long n = 0;
        for (Tensor p : namedParameters().values()) {
            n += p.size();
        }
        return n;
    }

    /** Forgets the accumulated gradients of all parameters. */
    public final void zeroGrad() {
        for (Tensor p : namedParameters().values()) {
            p.zeroGrad();
        }
    }
}
