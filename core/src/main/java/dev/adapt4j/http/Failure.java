package dev.adapt4j.http;

import dev.adapt4j.http.RemoteModelException.Kind;
import java.time.Duration;
import java.util.Optional;

/**
 * One failed attempt: how it failed, whether trying again may help, and how long the server asked to wait.
 *
 * @param kind       the kind of failure
 * @param status     the HTTP status, or -1
 * @param detail     what went wrong, for the message (not yet scrubbed)
 * @param cause      the exception behind it, or null
 * @param retryable  whether a retry may succeed
 * @param retryAfter the wait the server asked for, if any
 */
record Failure(Kind kind, int status, String detail, Throwable cause, boolean retryable,
        Optional<Duration> retryAfter) implements HttpCaller.Outcome {

    static Failure of(Kind kind, int status, String detail, Throwable cause, boolean retryable) {
        return new Failure(kind, status, detail, cause, retryable, Optional.empty());
    }

    /** A short description for DEBUG logs: the kind and status, never body text. */
    String summary() {
        return status < 0 ? kind.name() : kind.name() + " " + status;
    }

    /** Only the {@link #summary()}: the detail may quote a body and is scrubbed only in {@link #toException}. */
    @Override
    public String toString() {
        return "Failure[" + summary() + "]";
    }

    /** The exception to throw, its message scrubbed of the key and its cause dropped if the cause names the key. */
    RemoteModelException toException(Redactor redactor, String where, int attempts, long elapsedMs, String note) {
        StringBuilder msg = new StringBuilder(where).append(": ").append(detail);
        if (attempts > 1 || !note.isEmpty()) {
            msg.append(" (").append(attempts).append(attempts == 1 ? " attempt" : " attempts").append(" in ")
                    .append(elapsedMs).append(" ms").append(note.isEmpty() ? "" : "; " + note).append(')');
        }
        return new RemoteModelException(kind, status, redactor.scrub(msg.toString()), redactor.safeCause(cause));
    }
}
