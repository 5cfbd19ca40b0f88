package io.eventsaas.platform.nats;

/**
 * A prefix for every subject, stream, consumer and bucket name, so that several installations (or tests running
 * beside {@code bin/dev}) share one NATS server without seeing each other. Empty in production.
 *
 * <p>Subjects get {@code <prefix>.} in front, names of streams, consumers and buckets {@code <prefix>_}.
 */
public record Namespace(String prefix) {

    public static final Namespace NONE = new Namespace("");

    public Namespace {
        prefix = prefix == null ? "" : prefix.strip();
        if (!prefix.matches("[A-Za-z0-9_-]*")) {
            throw new IllegalArgumentException("namespace '" + prefix + "' may only hold letters, digits, _ and -");
        }
    }

    public String subject(String subject) {
        return prefix.isEmpty() ? subject : prefix + "." + subject;
    }

    public String name(String name) {
        return prefix.isEmpty() ? name : prefix + "_" + name;
    }
}
