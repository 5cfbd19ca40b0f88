package io.eventsaas.platform.archive;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One message of the EVENTS stream, verbatim: where it was, its subject, its headers and its body. */
public record ArchivedMessage(long streamSequence, String subject, Map<String, List<String>> headers, byte[] data,
        Instant storedAt) {

    public ArchivedMessage {
        headers = Map.copyOf(headers);
    }
}
