package io.eventsaas.projections.views;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import com.google.protobuf.Timestamp;
import io.eventsaas.contracts.billing.Money;
import io.eventsaas.platform.eventstore.RecordedEvent;
import io.eventsaas.platform.projection.UnreadableEventException;
import java.time.Instant;
import java.time.ZoneOffset;

/** Parsing event payloads at the edge: an unreadable one is parked by the runner, never fatal. */
public final class Payloads {

    private Payloads() {
    }

    public static <M extends Message> M parse(RecordedEvent event, Parser<M> parser) {
        try {
            return parser.parseFrom(event.payload());
        } catch (InvalidProtocolBufferException e) {
            throw new UnreadableEventException(event.type() + " at sequence " + event.streamSequence()
                    + " does not parse: " + e.getMessage(), e);
        }
    }

    public static Instant instant(Timestamp timestamp) {
        return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
    }

    public static String day(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC).toLocalDate().toString();
    }

    /** "EUR 29.00"; "free" for nothing. */
    public static String money(Money money) {
        if (money.getMinorUnits() == 0) {
            return "free";
        }
        return String.format("%s %d.%02d", money.getCurrency(), money.getMinorUnits() / 100,
                Math.abs(money.getMinorUnits() % 100));
    }
}
