package dev.adapt4j.djl.weights;

import dev.adapt4j.ModelFileException;
import dev.adapt4j.djl.weights.ProtoReader.Span;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Walks an ONNX {@code ModelProto} down to its graph's nodes and initializers. Field numbers are those of
 * onnx.proto: {@code ModelProto.graph = 7}; {@code GraphProto.node = 1}, {@code initializer = 5},
 * {@code sparse_initializer = 15}; {@code NodeProto.input = 1}, {@code output = 2}, {@code name = 3},
 * {@code op_type = 4}.
 */
final class OnnxGraph {

    static final int MODEL_GRAPH = 7;
    static final int GRAPH_NODE = 1;
    static final int GRAPH_INITIALIZER = 5;
    private static final int GRAPH_SPARSE_INITIALIZER = 15;
    static final int GRAPH_OUTPUT = 12;
    static final int VALUE_INFO_NAME = 1;
    private static final int NODE_INPUT = 1;
    private static final int NODE_OUTPUT = 2;
    private static final int NODE_NAME = 3;
    private static final int NODE_OP_TYPE = 4;

    /** A graph node, reduced to its name, operator and the names of the tensors it reads and writes. */
    record Node(String name, String opType, List<String> inputs, List<String> outputs) {
    }

    /** The nodes and the initializers (under their ONNX names), in file order. */
    record Parsed(List<Node> nodes, List<HostTensor> initializers) {
    }

    private OnnxGraph() {
    }

    static Parsed read(String source, byte[] bytes) {
        return read(source, bytes, true);
    }

    /** The nodes alone (initializers are skipped, not decoded). */
    static List<Node> nodes(String source, byte[] bytes) {
        return read(source, bytes, false).nodes();
    }

    /** The names of the graph's outputs ({@code GraphProto.output = 12}, {@code ValueInfoProto.name = 1}). */
    static List<String> outputs(String source, byte[] bytes) {
        ProtoReader model = new ProtoReader(source, bytes, new Span(0, bytes.length));
        List<String> names = new ArrayList<>();
        while (model.next()) {
            if (model.field() != MODEL_GRAPH) {
                model.skip();
                continue;
            }
            ProtoReader g = new ProtoReader(source + ": graph", bytes, model.bytes());
            while (g.next()) {
                if (g.field() != GRAPH_OUTPUT) {
                    g.skip();
                    continue;
                }
                ProtoReader v = new ProtoReader(source + ": graph output", bytes, g.bytes());
                while (v.next()) {
                    if (v.field() == VALUE_INFO_NAME) {
                        names.add(v.string());
                    } else {
                        v.skip();
                    }
                }
            }
        }
        return names;
    }

    private static Parsed read(String source, byte[] bytes, boolean withInitializers) {
        ProtoReader model = new ProtoReader(source, bytes, new Span(0, bytes.length));
        Span graph = null;
        while (model.next()) {
            if (model.field() != MODEL_GRAPH) {
                model.skip();
            } else if (graph != null) {
                throw model.error("the model has two graphs", null);
            } else {
                graph = model.bytes();
            }
        }
        if (graph == null) {
            throw new ModelFileException(source + ": no graph found; this is not an ONNX model or it is truncated");
        }
        List<Node> nodes = new ArrayList<>();
        List<HostTensor> initializers = new ArrayList<>();
        ProtoReader g = new ProtoReader(source + ": graph", bytes, graph);
        while (g.next()) {
            switch (g.field()) {
                case GRAPH_NODE -> nodes.add(node(source, bytes, g.bytes(), nodes.size()));
                case GRAPH_INITIALIZER -> {
                    if (withInitializers) {
                        initializers.add(OnnxTensor.decode(source, bytes, g.bytes(), initializers.size()));
                    } else {
                        g.skip();
                    }
                }
                case GRAPH_SPARSE_INITIALIZER -> {
                    if (withInitializers) {
                        throw g.error("sparse initializers are not supported", null);
                    }
                    g.skip();
                }
                default -> g.skip();
            }
        }
        Set<String> names = new HashSet<>();
        for (HostTensor t : initializers) {
            if (!names.add(t.name())) {
                throw new ModelFileException(source + ": tensor '" + t.name() + "': two initializers have this name");
            }
        }
        return new Parsed(List.copyOf(nodes), List.copyOf(initializers));
    }

    static Node node(String source, byte[] bytes, Span span, int index) {
        ProtoReader r = new ProtoReader(source + ": node #" + index, bytes, span);
        String name = "";
        String op = "";
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        while (r.next()) {
            switch (r.field()) {
                case NODE_INPUT -> inputs.add(r.string());
                case NODE_OUTPUT -> outputs.add(r.string());
                case NODE_NAME -> name = r.string();
                case NODE_OP_TYPE -> op = r.string();
                default -> r.skip();
            }
        }
        return new Node(name, op, List.copyOf(inputs), List.copyOf(outputs));
    }
}
