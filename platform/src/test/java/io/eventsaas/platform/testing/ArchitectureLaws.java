package io.eventsaas.platform.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.lang.ArchRule;
import java.util.List;

/**
 * The structural laws of docs/architecture.md as ArchUnit rules, shared by every module's {@code LawsTest} so
 * that each service states in one place which laws bind it.
 */
public final class ArchitectureLaws {

    private static final List<String> SERVICES = List.of(
            "io.eventsaas.gateway", "io.eventsaas.users", "io.eventsaas.billing", "io.eventsaas.projections");

    private ArchitectureLaws() {
    }

    /** Law 3: services never call each other; only the gateway sends requests. */
    public static ArchRule noRpcInsideTheApplication(String servicePackage) {
        return noClasses().that().resideInAPackage(servicePackage + "..")
                .should().dependOnClassesThat().haveFullyQualifiedName("io.eventsaas.platform.rpc.RpcClient")
                .orShould().callMethodWhere(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "a NATS request", call -> call.getTarget().getOwner().isAssignableTo(io.nats.client.Connection.class)
                                && call.getTarget().getName().startsWith("request")))
                .because("law 3: services react to each other's events; they never call each other");
    }

    /** Law 7: no service reaches into another's code; they share only contracts and platform. */
    public static ArchRule ownsItsCode(String servicePackage) {
        String[] others = SERVICES.stream().filter(p -> !p.equals(servicePackage)).map(p -> p + "..")
                .toArray(String[]::new);
        return noClasses().that().resideInAPackage(servicePackage + "..")
                .should().dependOnClassesThat().resideInAnyPackage(others)
                .because("law 7: services share only contracts and platform");
    }

    /** The domain is plain Java: deciders without Spring, JDBC, NATS or protobuf. */
    public static ArchRule domainIsPlainJava(String domainPackage) {
        return noClasses().that().resideInAPackage(domainPackage + "..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "java.sql..",
                        "javax.sql..", "io.nats..", "com.google.protobuf..", "io.eventsaas.contracts..",
                        "io.eventsaas.platform..", "jakarta..", "tools.jackson..")
                .because("aggregates decide and evolve in plain Java, testable without any server");
    }

    /** Laws 2 and 4: the gateway and fan-out event handlers never append events. */
    public static ArchRule appendsNoEvents(String servicePackage) {
        return noClasses().that().resideInAPackage(servicePackage + "..")
                .should().callMethod(io.eventsaas.platform.eventstore.EventStore.class, "append",
                        io.eventsaas.platform.eventstore.Append.class)
                .orShould().dependOnClassesThat().haveFullyQualifiedName("io.nats.client.JetStream")
                .because("only RPC handlers and queue-consumed policies produce events");
    }

    /** projection-service talks only through JetStream: it answers no requests. */
    public static ArchRule answersNoRequests(String servicePackage) {
        return noClasses().that().resideInAPackage(servicePackage + "..")
                .should().dependOnClassesThat().resideInAnyPackage("io.eventsaas.platform.rpc..", "io.nats.service..")
                .because("event handlers talk only through JetStream");
    }

    /** Law 2: the gateway owns no database. */
    public static ArchRule ownsNoDatabase(String servicePackage) {
        return noClasses().that().resideInAPackage(servicePackage + "..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..",
                        "org.springframework.jdbc..", "org.springframework.data..",
                        "io.eventsaas.platform.projection..", "io.eventsaas.platform.eventstore..")
                .because("law 2: the gateway holds no state of its own; it forwards");
    }
}
