package io.eventsaas.users.invitations;

import io.eventsaas.contracts.Consumers;
import io.eventsaas.contracts.EventTypes;
import io.eventsaas.contracts.Streams;
import io.eventsaas.platform.eventstore.EventStore;
import io.eventsaas.platform.eventstore.RecordedEvent;
import io.eventsaas.platform.policy.Policy;
import io.eventsaas.users.domain.OrganizationEvent.InvitationRevoked;
import io.eventsaas.users.domain.OrganizationEvent.MemberInvited;
import io.eventsaas.users.domain.OrganizationEvent.MemberJoined;
import io.eventsaas.users.domain.OrganizationEvent.OrganizationClosed;
import io.eventsaas.users.events.DomainEventCodec;
import io.eventsaas.users.events.DomainEventCodec.Decoded.Known;

/**
 * When an invitation is closed (accepted, revoked, or its organisation closed), its invitee's address key is
 * destroyed. Accepting and revoking do it before they reply; this policy repeats it from the stream (durable consumer
 * shared by the instances), so that a crash between the append and the key's destruction cannot leave a readable
 * address behind. Closing an organisation ends every invitation it still had open. Destroying a key is idempotent.
 */
final class WhenInvitationClosedThenShredAddress implements Policy {

    private final EventStore eventStore;
    private final DomainEventCodec codec;
    private final InviteeKeys keys;

    WhenInvitationClosedThenShredAddress(EventStore eventStore, DomainEventCodec codec, InviteeKeys keys) {
        this.eventStore = eventStore;
        this.codec = codec;
        this.keys = keys;
    }

    @Override
    public String consumerName() {
        return Consumers.USERS_CLOSED_INVITATIONS;
    }

    @Override
    public String filterSubject() {
        return Streams.allOf(Streams.ORGANIZATION);
    }

    @Override
    public boolean handles(String eventType) {
        return EventTypes.MEMBER_JOINED.equals(eventType) || EventTypes.INVITATION_REVOKED.equals(eventType)
                || EventTypes.ORGANIZATION_CLOSED.equals(eventType);
    }

    @Override
    public void handle(RecordedEvent event) {
        if (!(codec.decode(event) instanceof Known(var decoded))) {
            return;
        }
        switch (decoded) {
            case MemberJoined joined when joined.invitationId() != null -> keys.destroy(joined.invitationId());
            case InvitationRevoked revoked -> keys.destroy(revoked.invitationId());
            case OrganizationClosed closed -> {
                for (RecordedEvent earlier : eventStore.load(Streams.ORGANIZATION, event.aggregateId())) {
                    if (codec.decode(earlier) instanceof Known(MemberInvited invited)) {
                        keys.destroy(invited.invitationId());
                    }
                }
            }
            default -> {
            }
        }
    }
}
