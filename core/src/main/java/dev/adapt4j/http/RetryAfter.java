package dev.adapt4j.http;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads how long a server asks the client to wait: {@code retry-after-ms} (milliseconds, sent by OpenAI) or
 * {@code Retry-After} as delay-seconds or an HTTP-date (RFC 9110 section 10.2.3). Anything unparseable is ignored.
 */
final class RetryAfter {

    /** Longest wait read from a header; the total timeout caps it further. */
    static final Duration MAX = Duration.ofDays(1);

    private RetryAfter() {
    }

    /** The wait the headers ask for, if any. */
    static Optional<Duration> from(HttpHeaders headers, Clock clock) {
        Optional<Duration> ms = headers.firstValue("retry-after-ms").flatMap(v -> number(v, 1));
        return ms.isPresent() ? ms : headers.firstValue("retry-after").flatMap(v -> parse(v, clock));
    }

    /** Parses a {@code Retry-After} value: delay-seconds or an HTTP-date. */
    static Optional<Duration> parse(String value, Clock clock) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.strip();
        if (Character.isDigit(v.charAt(0))) {
            return number(v, 1000);
        }
        try {
            ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration d = Duration.between(clock.instant(), at.toInstant());
            return Optional.of(clamp(d));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<Duration> number(String v, long millisPerUnit) {
        String s = v.strip();
        if (s.isEmpty() || s.length() > 12 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        return Optional.of(clamp(Duration.ofMillis(Long.parseLong(s) * millisPerUnit)));
    }

    private static Duration clamp(Duration d) {
        return d.isNegative() ? Duration.ZERO : d.compareTo(MAX) > 0 ? MAX : d;
    }
}
