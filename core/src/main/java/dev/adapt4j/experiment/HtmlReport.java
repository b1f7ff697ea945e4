package dev.adapt4j.experiment;

import java.nio.file.Path;
import java.util.List;

/** Renders the HTML report: the same tables as the Markdown report, with the charts embedded. */
final class HtmlReport {

    private HtmlReport() {
    }

    static String render(ExperimentResult result, List<Comparison> comparisons, List<ChartRenderer.Chart> charts,
                         Path dir) {
        Provenance p = result.provenance();
        StringBuilder sb = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>adapt4j experiment report</title><style>body{font-family:sans-serif;max-width:70em;"
                + "margin:2em auto}table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;"
                + "padding:.3em .6em;text-align:left}th{background:#f4f4f4}img{max-width:100%}</style></head><body>\n");
        sb.append("<h1>Prompting or fine-tuning? Experiment report</h1>\n<p>")
                .append(esc(result.runs().size() + (result.runs().size() == 1 ? " run" : " runs") + "; adapt4j "
                        + p.library() + "; " + p.java() + "; " + p.os()
                        + "; " + p.cpu() + ", " + p.processors() + " processors; started " + p.startedAt()))
                .append("</p>\n");
        for (Comparison c : comparisons) {
            sb.append("<h2>").append(esc(c.dataset())).append("</h2>\n<h3>Comparison at the largest training-set "
                    + "size (mean over seeds)</h3>\n");
            ComparisonTable t = ComparisonTable.of(c, p);
            table(sb, t.header(), t.rows());
            sb.append("<ul>");
            ComparisonTable.breakEvens(c).forEach(s -> sb.append("<li>").append(esc(s)).append("</li>"));
            sb.append("</ul>\n<h3>Learning curve: ").append(esc(c.metric()))
                    .append(" (95 % CI) by labelled training examples</h3>\n");
            List<List<String>> curve = LearningCurveTable.rows(c);
            table(sb, curve.get(0), curve.subList(1, curve.size()));
            for (ChartRenderer.Chart ch : charts) {
                if (ch.dataset().equals(c.dataset())) {
                    sb.append("<figure><img src=\"").append(esc(dir.relativize(ch.file()).toString()
                            .replace('\\', '/'))).append("\" alt=\"").append(esc(ch.title())).append("\"><figcaption>")
                            .append(esc(ch.title())).append("</figcaption></figure>\n");
                }
            }
        }
        sb.append("<h2>Provenance</h2>\n<ul><li>seeds: ").append(esc(p.seeds().toString())).append("</li>");
        p.models().forEach(m -> sb.append("<li>model: ").append(esc(m)).append("</li>"));
        p.runtime().forEach((k, v) -> sb.append("<li>").append(esc(k)).append(": ").append(esc(v)).append("</li>"));
        p.datasetHashes().forEach((k, v) -> sb.append("<li>dataset ").append(esc(k)).append(": sha256 ")
                .append(esc(v)).append("</li>"));
        sb.append("</ul>\n");
        p.configs().forEach((k, v) -> sb.append("<p>configuration of ").append(esc(k)).append(":</p><pre>")
                .append(esc(v)).append("</pre>\n"));
        return sb.append("</body></html>\n").toString();
    }

    private static void table(StringBuilder sb, List<String> header, List<List<String>> rows) {
        sb.append("<table><tr>");
        header.forEach(h -> sb.append("<th>").append(esc(h)).append("</th>"));
        sb.append("</tr>\n");
        for (List<String> r : rows) {
            sb.append("<tr>");
            r.forEach(cell -> sb.append("<td>").append(esc(cell)).append("</td>"));
            sb.append("</tr>\n");
        }
        sb.append("</table>\n");
    }

    static String esc(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }
}
