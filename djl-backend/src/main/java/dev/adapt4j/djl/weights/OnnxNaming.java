package dev.adapt4j.djl.weights;

import dev.adapt4j.djl.weights.OnnxGraph.Node;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gives the anonymous initializers of a PyTorch export ({@code onnx::MatMul_787} ...) the Hugging Face names of
 * the parameters they hold, from the one node that consumes each: the right operand of
 * {@code /encoder/layer.0/attention/self/query/MatMul} is {@code encoder.layer.0.attention.self.query.weight},
 * stored as {@code [in, out]} and transposed here to {@code [out, in]} (the layout of a PyTorch Linear); a vector
 * added by {@code /.../dense/Add} is that module's {@code bias}. Named initializers keep their names. An anonymous
 * initializer that cannot be named unambiguously keeps its ONNX name and is reported with the reason.
 */
final class OnnxNaming {

    /** Prefix PyTorch's exporter gives initializers that had no parameter name. */
    static final String ANONYMOUS_PREFIX = "onnx::";

    /** The renamed tensors in file order, new name to ONNX name for renamed ones, and the unmapped ones. */
    record Result(Map<String, HostTensor> tensors, Map<String, String> renamed, Map<String, String> unmapped) {
    }

    private record Use(Node node, int input) {
    }

    private record Candidate(String name, boolean transpose, String reason) {
    }

    private OnnxNaming() {
    }

    static Result apply(OnnxGraph.Parsed graph) {
        Map<String, List<Use>> uses = new HashMap<>();
        for (Node node : graph.nodes()) {
            for (int i = 0; i < node.inputs().size(); i++) {
                uses.computeIfAbsent(node.inputs().get(i), k -> new ArrayList<>()).add(new Use(node, i));
            }
        }
        Set<String> taken = new HashSet<>();
        Map<String, Candidate> candidates = new LinkedHashMap<>();
        Map<String, Integer> claims = new HashMap<>();
        for (HostTensor t : graph.initializers()) {
            if (t.name().startsWith(ANONYMOUS_PREFIX)) {
                Candidate c = candidate(t, uses.getOrDefault(t.name(), List.of()));
                candidates.put(t.name(), c);
                if (c.name() != null) {
                    claims.merge(c.name(), 1, Integer::sum);
                }
            } else {
                taken.add(t.name());
            }
        }
        Map<String, HostTensor> tensors = new LinkedHashMap<>();
        Map<String, String> renamed = new LinkedHashMap<>();
        Map<String, String> unmapped = new LinkedHashMap<>();
        for (HostTensor t : graph.initializers()) {
            Candidate c = candidates.get(t.name());
            if (c == null) {
                tensors.put(t.name(), t);
            } else if (c.name() == null || taken.contains(c.name()) || claims.get(c.name()) > 1) {
                unmapped.put(t.name(), c.name() == null ? c.reason()
                        : "its derived name '" + c.name() + "' is not unique");
                tensors.put(t.name(), t);
            } else {
                tensors.put(c.name(), c.transpose() ? Transpose.matrix(t, c.name()) : rename(t, c.name()));
                renamed.put(c.name(), t.name());
            }
        }
        return new Result(tensors, renamed, unmapped);
    }

    private static Candidate candidate(HostTensor t, List<Use> uses) {
        if (uses.size() != 1) {
            return reason("it is used by " + uses.size() + " node inputs, not one");
        }
        Use use = uses.get(0);
        String module = modulePath(use.node().name(), use.node().opType());
        if (module == null) {
            return reason("its node '" + use.node().name() + "' (" + use.node().opType()
                    + ") is not named /module/path/" + use.node().opType());
        }
        int rank = t.shape().length;
        if ("MatMul".equals(use.node().opType()) && use.input() == 1 && rank == 2) {
            return new Candidate(module + ".weight", true, null);
        }
        if ("Add".equals(use.node().opType()) && rank == 1) {
            return new Candidate(module + ".bias", false, null);
        }
        return reason("it is input " + use.input() + " of " + use.node().opType() + " node '" + use.node().name()
                + "' with rank " + rank + ", which is neither a Linear weight nor a bias");
    }

    /**
     * The dotted module path of a node named {@code /a/b.0/c/Op} or {@code /a/b.0/c/Op_3}, or null when the name
     * has another form. Linear in the length of the name.
     */
    static String modulePath(String nodeName, String op) {
        int slash = nodeName.lastIndexOf('/');
        if (slash <= 1 || nodeName.charAt(0) != '/' || op.isEmpty()) {
            return null;
        }
        String last = nodeName.substring(slash + 1);
        if (!last.equals(op) && !(last.startsWith(op + "_") && last.length() > op.length() + 1
                && last.substring(op.length() + 1).chars().allMatch(c -> c >= '0' && c <= '9'))) {
            return null;
        }
        String path = nodeName.substring(1, slash);
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || !segment.chars().allMatch(OnnxNaming::isNameChar)) {
                return null;
            }
        }
        return path.replace('/', '.');
    }

    private static boolean isNameChar(int c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-';
    }

    private static Candidate reason(String why) {
        return new Candidate(null, false, why);
    }

    private static HostTensor rename(HostTensor t, String name) {
        return new HostTensor(name, t.dtype(), t.shape(), t.data());
    }
}
