package io.eventsaas.projections.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsaas.contracts.EventTypes;
import io.eventsaas.contracts.users.MemberRemoved;
import io.eventsaas.contracts.users.MemberRoleChanged;
import io.eventsaas.platform.eventstore.RecordedEvent;
import io.eventsaas.platform.projection.UnreadableEventException;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("activity lines")
class ActivityLinesTest {

    private static RecordedEvent event(String type, byte[] payload) {
        return new RecordedEvent(7, 0, "events.organization.o1", "e1", type, 1, "organization", "o1", Instant.EPOCH,
                "", "", payload);
    }

    @Test
    @DisplayName("people are placeholders until rendered, so a name is never stored and an erasure shows at once")
    void placeholders() {
        var line = ActivityLines.describe(event(EventTypes.MEMBER_ROLE_CHANGED, MemberRoleChanged.newBuilder()
                .setOrganizationId("o1").setUserId("bob").setChangedByUserId("ada").setPreviousRole("member")
                .setRole("admin").build().toByteArray())).orElseThrow();

        assertThat(line.organizationId()).isEqualTo("o1");
        assertThat(line.template()).doesNotContain("Ada").contains("{u:ada}", "{u:bob}");
        assertThat(ActivityLines.mentionedUsers(line.template())).containsExactly("ada", "bob");
        Map<String, String> names = Map.of("ada", "Ada", "bob", "Erased user");
        assertThat(ActivityLines.render(line.template(), names::get, id -> "?"))
                .isEqualTo("Ada changed Erased user's role from member to admin");
    }

    @Test
    @DisplayName("a member who left, and a removal by a policy, read differently")
    void removals() {
        var left = ActivityLines.describe(event(EventTypes.MEMBER_REMOVED, MemberRemoved.newBuilder()
                .setOrganizationId("o1").setUserId("bob").setRemovedByUserId("bob").setReason("left").build()
                .toByteArray())).orElseThrow();
        var byPolicy = ActivityLines.describe(event(EventTypes.MEMBER_REMOVED, MemberRemoved.newBuilder()
                .setOrganizationId("o1").setUserId("bob").setReason("removed").build().toByteArray())).orElseThrow();

        assertThat(ActivityLines.render(left.template(), id -> "Bob", id -> "")).isEqualTo("Bob left");
        assertThat(ActivityLines.render(byPolicy.template(), id -> "Bob", id -> "")).isEqualTo("Bob was removed");
    }

    @Test
    @DisplayName("user events are no organisation's activity; an unreadable payload is reported as such")
    void notOrganisationEventsAndUnreadable() {
        assertThat(ActivityLines.describe(event(EventTypes.USER_RENAMED, new byte[0]))).isEmpty();
        assertThatThrownBy(() -> ActivityLines.describe(event(EventTypes.MEMBER_JOINED, new byte[] {(byte) 0xff, 1})))
                .isInstanceOf(UnreadableEventException.class);
    }
}
