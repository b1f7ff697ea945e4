package dev.adapt4j.djl.weights;

import dev.adapt4j.ModelFileException;
import dev.adapt4j.djl.weights.ProtoReader.Span;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Cuts a BERT-family ONNX export after its first {@code k} layers, so that ONNX Runtime computes exactly the frozen
 * lower layers of a fine-tuning run (the frozen-prefix cache) and nothing above them: ONNX Runtime runs every node of
 * a graph whatever outputs are requested, so adding an output alone would still compute the whole encoder.
 *
 * <p>The layer's output is found by the exporter's node scopes: of the tensors that nodes under
 * {@code /encoder/layer.<k-1>/} write (under {@code /embeddings/} for {@code k = 0}), exactly one must be read by a
 * node outside that scope or be a graph output: the layer's output, which the next layer reads (the last layer's is
 * the graph's own output, and the model is returned as it is). The new model keeps every field of the file except
 * the graph's nodes, initializers and outputs: only the nodes that output depends on and the initializers they read,
 * in file order, and that tensor as the one output (a {@code ValueInfoProto} with its name only; ONNX Runtime infers
 * its type). Field numbers are those of onnx.proto: {@code ModelProto.graph = 7}; {@code GraphProto.node = 1},
 * {@code initializer = 5}, {@code output = 12}; {@code TensorProto.name = 8}; {@code ValueInfoProto.name = 1}.
 */
public final class OnnxLayerOutput {

    private static final int TENSOR_NAME = 8;
    private static final int LENGTH_DELIMITED = 2;

    /**
     * The cut model.
     *
     * @param tensor the name of its output: hidden states {@code [batch, length, hidden]} after the layers asked for
     * @param model its ONNX bytes
     * @param nodes how many of the file's nodes it keeps
     */
    public record Exposed(String tensor, byte[] model, int nodes) {
    }

    private OnnxLayerOutput() {
    }

    /**
     * The model up to the output of layer {@code layers - 1} (of the embeddings for {@code layers == 0}).
     *
     * @param source names the bytes in errors
     * @throws ModelFileException naming the file and the scope when the graph does not have exactly one such tensor
     */
    public static Exposed expose(String source, byte[] model, int layers) {
        if (layers < 0) {
            throw new IllegalArgumentException("layers must be >= 0, got " + layers);
        }
        String scope = layers == 0 ? "/embeddings/" : "/encoder/layer." + (layers - 1) + "/";
        List<OnnxGraph.Node> nodes = OnnxGraph.nodes(source, model);
        List<String> graphOutputs = OnnxGraph.outputs(source, model);
        String tensor = layerOutput(source, nodes, graphOutputs, scope, layers);
        if (graphOutputs.size() == 1 && graphOutputs.get(0).equals(tensor)) {
            return new Exposed(tensor, model, nodes.size());
        }
        // The nodes the tensor depends on: nodes are stored in topological order, so one backward pass finds them.
        Set<String> needed = new HashSet<>(Set.of(tensor));
        boolean[] keep = new boolean[nodes.size()];
        int kept = 0;
        for (int i = nodes.size() - 1; i >= 0; i--) {
            OnnxGraph.Node n = nodes.get(i);
            if (n.outputs().stream().anyMatch(needed::contains)) {
                keep[i] = true;
                kept++;
                needed.addAll(n.inputs());
            }
        }
        return new Exposed(tensor, rewrite(source, model, keep, needed, tensor), kept);
    }

    private static String layerOutput(String source, List<OnnxGraph.Node> nodes, List<String> graphOutputs,
                                      String scope, int layers) {
        Set<String> written = new HashSet<>();
        for (OnnxGraph.Node n : nodes) {
            if (n.name().startsWith(scope)) {
                written.addAll(n.outputs());
            }
        }
        Set<String> leaving = new TreeSet<>();
        for (String out : graphOutputs) {
            if (written.contains(out)) {
                leaving.add(out);
            }
        }
        for (OnnxGraph.Node n : nodes) {
            if (!n.name().startsWith(scope)) {
                for (String in : n.inputs()) {
                    if (written.contains(in)) {
                        leaving.add(in);
                    }
                }
            }
        }
        if (leaving.size() != 1) {
            throw new ModelFileException(source + ": expected one tensor leaving the nodes under '" + scope
                    + "' (the hidden states after " + layers + " layers), found " + leaving.size()
                    + (leaving.isEmpty() ? "" : " " + leaving) + "; this is not a BERT-family export with the "
                    + "exporter's scope names");
        }
        return leaving.iterator().next();
    }

    /**
     * The model's fields as they are, with the graph's nodes, initializers and outputs reduced: the ranges to keep
     * are found first, then copied into one array of the final size (the file is tens of megabytes).
     */
    private static byte[] rewrite(String source, byte[] model, boolean[] keep, Set<String> needed, String tensor) {
        List<Span> modelFields = new ArrayList<>();
        List<Span> graphFields = new ArrayList<>();
        int graphAt = -1;
        ProtoReader m = new ProtoReader(source, model, new Span(0, model.length));
        while (true) {
            int start = m.position();
            if (!m.next()) {
                break;
            }
            if (m.field() != OnnxGraph.MODEL_GRAPH) {
                m.skip();
                modelFields.add(new Span(start, m.position() - start));
                continue;
            }
            graphAt = modelFields.size();
            ProtoReader r = new ProtoReader(source + ": graph", model, m.bytes());
            int node = 0;
            while (true) {
                int fieldStart = r.position();
                if (!r.next()) {
                    break;
                }
                boolean copy;
                switch (r.field()) {
                    case OnnxGraph.GRAPH_NODE -> {
                        r.skip();
                        copy = keep[node++];
                    }
                    case OnnxGraph.GRAPH_INITIALIZER -> copy = needed.contains(initializerName(source, model, r.bytes()));
                    case OnnxGraph.GRAPH_OUTPUT -> {
                        r.skip();
                        copy = false;
                    }
                    default -> {
                        r.skip();
                        copy = true;
                    }
                }
                if (copy) {
                    graphFields.add(new Span(fieldStart, r.position() - fieldStart));
                }
            }
        }
        byte[] output = field(OnnxGraph.GRAPH_OUTPUT, field(OnnxGraph.VALUE_INFO_NAME, tensor.getBytes(StandardCharsets.UTF_8)));
        long graphLength = output.length;
        for (Span f : graphFields) {
            graphLength += f.length();
        }
        byte[] graphHead = head(OnnxGraph.MODEL_GRAPH, graphLength);
        long total = graphHead.length + graphLength;
        for (Span f : modelFields) {
            total += f.length();
        }
        byte[] out = new byte[Math.toIntExact(total)];
        int at = 0;
        for (int i = 0; i <= modelFields.size(); i++) {
            if (i == graphAt) {
                at = put(out, at, graphHead, 0, graphHead.length);
                for (Span f : graphFields) {
                    at = put(out, at, model, f.offset(), f.length());
                }
                at = put(out, at, output, 0, output.length);
            }
            if (i < modelFields.size()) {
                at = put(out, at, model, modelFields.get(i).offset(), modelFields.get(i).length());
            }
        }
        return out;
    }

    private static int put(byte[] out, int at, byte[] from, int offset, int length) {
        System.arraycopy(from, offset, out, at, length);
        return at + length;
    }

    private static String initializerName(String source, byte[] model, Span span) {
        ProtoReader t = new ProtoReader(source + ": initializer", model, span);
        while (t.next()) {
            if (t.field() == TENSOR_NAME) {
                return t.string();
            }
            t.skip();
        }
        throw new ModelFileException(source + ": an initializer has no name");
    }

    /** A length-delimited field: its key, the length as a varint, the bytes. */
    private static byte[] field(int number, byte[] payload) {
        byte[] head = head(number, payload.length);
        byte[] out = java.util.Arrays.copyOf(head, head.length + payload.length);
        System.arraycopy(payload, 0, out, head.length, payload.length);
        return out;
    }

    /** The key and length of a length-delimited field. */
    private static byte[] head(int number, long length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16);
        varint(out, ((long) number << 3) | LENGTH_DELIMITED);
        varint(out, length);
        return out.toByteArray();
    }

    private static void varint(ByteArrayOutputStream out, long value) {
        long v = value;
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }
}
