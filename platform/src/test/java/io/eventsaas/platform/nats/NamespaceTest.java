package io.eventsaas.platform.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class NamespaceTest {

    @Test
    @DisplayName("no namespace leaves names as they are (production)")
    void none() {
        assertThat(Namespace.NONE.subject("events.user.1")).isEqualTo("events.user.1");
        assertThat(Namespace.NONE.name("EVENTS")).isEqualTo("EVENTS");
    }

    @Test
    @DisplayName("a namespace prefixes subjects with a dot and names with an underscore")
    void prefixed() {
        Namespace ns = new Namespace("t1");
        assertThat(ns.subject("rpc.users.get-user")).isEqualTo("t1.rpc.users.get-user");
        assertThat(ns.name("EVENTS")).isEqualTo("t1_EVENTS");
    }

    @Test
    @DisplayName("a namespace that would break subjects or stream names is refused")
    void invalid() {
        assertThatThrownBy(() -> new Namespace("a.b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Namespace("a b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Namespace(">")).isInstanceOf(IllegalArgumentException.class);
    }
}
