/**
 * The users domain in plain Java: value objects, the {@link io.eventsaas.users.domain.User} and
 * {@link io.eventsaas.users.domain.Organization} aggregates as deciders ({@code decide(state, command) -> events},
 * {@code evolve(state, event) -> state}), and their events as sealed interfaces of records. No Spring, JDBC, NATS
 * or protobuf here: {@code ArchitectureTest} fails the build if any creeps in.
 */
package io.eventsaas.users.domain;
