package io.eventsaas.projections.summary;

import java.util.Comparator;

/**
 * Where an event sits in the stream: its message's sequence and its index in that message (one commit may hold
 * several events). Orders events that happened at the same instant, so a rebuild orders them the same way.
 */
public record StreamPosition(long sequence, int indexInCommit) implements Comparable<StreamPosition> {

    private static final Comparator<StreamPosition> ORDER =
            Comparator.comparingLong(StreamPosition::sequence).thenComparingInt(StreamPosition::indexInCommit);

    public StreamPosition {
        if (sequence < 1 || indexInCommit < 0) {
            throw new IllegalArgumentException("not a stream position: " + sequence + "/" + indexInCommit);
        }
    }

    @Override
    public int compareTo(StreamPosition other) {
        return ORDER.compare(this, other);
    }
}
