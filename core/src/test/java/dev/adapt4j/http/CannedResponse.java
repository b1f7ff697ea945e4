package dev.adapt4j.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An HTTP response written as fuzz input: a status line, header lines {@code Name: value}, an empty line and the
 * body, as in
 *
 * <pre>
 * 429
 * Retry-After: 2
 *
 * {"error": {"message": "slow down"}}
 * </pre>
 *
 * Input without an empty line is all body, with status 200 and {@code Content-Type: application/json}. A status
 * line without digits means 200.
 */
record CannedResponse(int status, Map<String, List<String>> headers, byte[] body) {

    static CannedResponse parse(byte[] data) {
        int split = indexOf(data, new byte[] {'\n', '\n'});
        int skip = 2;
        int crlf = indexOf(data, new byte[] {'\r', '\n', '\r', '\n'});
        if (crlf >= 0 && (split < 0 || crlf < split)) {
            split = crlf;
            skip = 4;
        }
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (split < 0) {
            headers.put("Content-Type", List.of("application/json"));
            return new CannedResponse(200, headers, data);
        }
        String[] lines = new String(data, 0, split, StandardCharsets.ISO_8859_1).split("\r?\n", -1);
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            String name = colon < 0 ? "" : lines[i].substring(0, colon).trim();
            if (!name.isEmpty()) {
                headers.computeIfAbsent(name, k -> new ArrayList<>()).add(lines[i].substring(colon + 1).trim());
            }
        }
        return new CannedResponse(status(lines[0]), headers, Arrays.copyOfRange(data, split + skip, data.length));
    }

    /** The client that gives this response to every request. */
    CannedHttpClient client() {
        return new CannedHttpClient(status, headers, body);
    }

    private static int status(String line) {
        String digits = line.strip().chars().takeWhile(Character::isDigit).limit(3)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return digits.isEmpty() ? 200 : Integer.parseInt(digits);
    }

    private static int indexOf(byte[] data, byte[] part) {
        outer:
        for (int i = 0; i + part.length <= data.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (data[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
