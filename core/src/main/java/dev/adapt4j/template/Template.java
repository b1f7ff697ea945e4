package dev.adapt4j.template;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A text template with {@code {{name}}} variables and repeated sections {@code {{#name}}...{{/name}}}.
 *
 * <p>Syntax: a variable is {@code {{name}}} (letters, digits, {@code _}, {@code -} and {@code .}; spaces inside
 * the braces are ignored). A section {@code {{#examples}}...{{/examples}}} is rendered once per item of the
 * list given for it; inside it, variables come from the item first and then from the outer values. A literal
 * {@code {{} is written {@code \{{}; no other character is special.
 *
 * <p>Rendering is a single pass over the parsed template: a value is copied verbatim and never scanned again,
 * so values containing {@code {{}, {@code }}}, {@code $} or {@code \} come out unchanged. Before any output
 * is produced, every missing variable is collected and reported at once. Templates are immutable and
 * thread-safe; parse once and render many times.
 */
public final class Template {

    private final String source;
    private final List<Node> nodes;
    private final Set<String> variables;
    private final Set<String> sections;

    private Template(String source, List<Node> nodes) {
        this.source = source;
        this.nodes = nodes;
        Set<String> vars = new LinkedHashSet<>();
        Set<String> secs = new LinkedHashSet<>();
        collect(nodes, vars, secs, false);
        this.variables = Collections.unmodifiableSet(vars);
        this.sections = Collections.unmodifiableSet(secs);
    }

    /** Parses a template; a syntax error is a {@link TemplateException} naming line, column and offset. */
    @JsonCreator
    public static Template parse(String source) {
        Objects.requireNonNull(source, "template source");
        return new Template(source, new Parser(source).parseAll());
    }

    /**
     * Joins templates node by node into one that renders them in order, as a single pass. Because the parts are
     * not re-parsed, text at the end of one part never combines with the start of the next into a tag or an
     * escape. The result's {@link #source()} is the parts' sources joined, for display only: serialise the parts
     * themselves, not the joined template.
     */
    public static Template concat(List<Template> parts) {
        StringBuilder src = new StringBuilder();
        List<Node> nodes = new ArrayList<>();
        for (Template t : parts) {
            src.append(t.source);
            nodes.addAll(t.nodes);
        }
        return new Template(src.toString(), List.copyOf(nodes));
    }

    /**
     * This template as the body of a section named {@code name}: the result renders it once per item given for
     * that section (see {@link #render(Map, Map)}). Its {@link #source()} is for display only.
     */
    public Template repeat(String name) {
        Objects.requireNonNull(name, "section name");
        return new Template("{{#" + name + "}}" + source + "{{/" + name + "}}", List.of(new Section(name, nodes)));
    }

    /** The template text as written (also its JSON form). */
    @JsonValue
    public String source() {
        return source;
    }

    /** Names of the variables used outside any section, in order of first use. */
    public Set<String> variables() {
        return variables;
    }

    /** Names of the sections, in order of first use. */
    public Set<String> sections() {
        return sections;
    }

    /** Renders a template that has no sections. */
    public String render(Map<String, String> values) {
        return render(values, Map.of());
    }

    /**
     * Renders with top-level values and, per section name, the items to repeat it for.
     *
     * @throws TemplateException naming every variable that has no value, and every section without items
     */
    public String render(Map<String, String> values, Map<String, List<Map<String, String>>> sectionItems) {
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(sectionItems, "sectionItems");
        Set<String> missing = new TreeSet<>();
        check(nodes, values, null, sectionItems, missing);
        if (!missing.isEmpty()) {
            throw new TemplateException("template is missing values for " + missing);
        }
        StringBuilder out = new StringBuilder(source.length() + 64);
        write(nodes, values, null, sectionItems, out);
        return out.toString();
    }

    private static void check(List<Node> nodes, Map<String, String> values, Map<String, String> item,
                              Map<String, List<Map<String, String>>> sectionItems, Set<String> missing) {
        for (Node n : nodes) {
            if (n instanceof Var v) {
                if (lookup(v.name, values, item) == null) {
                    missing.add(v.name);
                }
            } else if (n instanceof Section s) {
                List<Map<String, String>> items = sectionItems.get(s.name);
                if (items == null) {
                    missing.add("#" + s.name);
                } else {
                    for (Map<String, String> it : items) {
                        check(s.body, values, it, sectionItems, missing);
                    }
                }
            }
        }
    }

    private static void write(List<Node> nodes, Map<String, String> values, Map<String, String> item,
                              Map<String, List<Map<String, String>>> sectionItems, StringBuilder out) {
        for (Node n : nodes) {
            if (n instanceof Text t) {
                out.append(t.text);
            } else if (n instanceof Var v) {
                out.append(lookup(v.name, values, item));
            } else if (n instanceof Section s) {
                for (Map<String, String> it : sectionItems.get(s.name)) {
                    write(s.body, values, it, sectionItems, out);
                }
            }
        }
    }

    private static String lookup(String name, Map<String, String> values, Map<String, String> item) {
        if (item != null) {
            String v = item.get(name);
            if (v != null) {
                return v;
            }
        }
        return values.get(name);
    }

    private static void collect(List<Node> nodes, Set<String> vars, Set<String> secs, boolean inSection) {
        for (Node n : nodes) {
            if (n instanceof Var v && !inSection) {
                vars.add(v.name);
            } else if (n instanceof Section s) {
                secs.add(s.name);
                collect(s.body, vars, secs, true);
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Template t && t.source.equals(source) && t.nodes.equals(nodes);
    }

    @Override
    public int hashCode() {
        return source.hashCode();
    }

    @Override
    public String toString() {
        return source;
    }

    private sealed interface Node permits Text, Var, Section { }

    private record Text(String text) implements Node { }

    private record Var(String name) implements Node { }

    private record Section(String name, List<Node> body) implements Node { }

    /** Recursive-descent parser; sections nest at most {@value #MAX_DEPTH} deep. */
    private static final class Parser {
        private static final int MAX_DEPTH = 16;
        private final String s;
        private int pos;

        Parser(String s) {
            this.s = s;
        }

        List<Node> parseAll() {
            return parse(null, 0, 0);
        }

        private List<Node> parse(String open, int depth, int openedAt) {
            List<Node> nodes = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c == '\\' && s.startsWith("{{", pos + 1)) {
                    text.append("{{");
                    pos += 3;
                } else if (c == '{' && s.startsWith("{{", pos)) {
                    int tagStart = pos;
                    int end = s.indexOf("}}", pos + 2);
                    if (end < 0) {
                        throw error("unterminated tag '{{' (no closing '}}')", tagStart);
                    }
                    String tag = s.substring(pos + 2, end).strip();
                    pos = end + 2;
                    if (tag.startsWith("/")) {
                        String name = name(tag.substring(1).strip(), tagStart);
                        if (!name.equals(open)) {
                            throw error(open == null
                                    ? "closing tag {{/" + name + "}} without an opening {{#" + name + "}}"
                                    : "closing tag {{/" + name + "}} does not match {{#" + open + "}}", tagStart);
                        }
                        flush(text, nodes);
                        return List.copyOf(nodes);
                    }
                    flush(text, nodes);
                    if (tag.startsWith("#")) {
                        if (depth >= MAX_DEPTH) {
                            throw error("sections nest deeper than " + MAX_DEPTH, tagStart);
                        }
                        String name = name(tag.substring(1).strip(), tagStart);
                        nodes.add(new Section(name, parse(name, depth + 1, tagStart)));
                    } else {
                        nodes.add(new Var(name(tag, tagStart)));
                    }
                } else {
                    text.append(c);
                    pos++;
                }
            }
            if (open != null) {
                throw error("unterminated section {{#" + open + "}} (no {{/" + open + "}})", openedAt);
            }
            flush(text, nodes);
            return List.copyOf(nodes);
        }

        private static void flush(StringBuilder text, List<Node> nodes) {
            if (text.length() > 0) {
                nodes.add(new Text(text.toString()));
                text.setLength(0);
            }
        }

        private String name(String name, int at) {
            if (name.isEmpty()) {
                throw error("empty tag name", at);
            }
            for (int i = 0; i < name.length(); i++) {
                char c = name.charAt(i);
                if (!(Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.')) {
                    throw error("invalid character '" + c + "' in tag name (allowed: letters, digits, _ - .)", at);
                }
            }
            return name;
        }

        private TemplateException error(String what, int offset) {
            int line = 1;
            int col = 1;
            for (int i = 0; i < offset && i < s.length(); i++) {
                if (s.charAt(i) == '\n') {
                    line++;
                    col = 1;
                } else {
                    col++;
                }
            }
            return new TemplateException(what + " at line " + line + ", column " + col + " (offset " + offset + ")");
        }
    }
}
