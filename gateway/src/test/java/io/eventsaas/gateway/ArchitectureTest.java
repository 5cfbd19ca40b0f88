package io.eventsaas.gateway;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.KeyValue;

/**
 * Law 2 as rules over the gateway's classes: it only forwards. No event store, no projection runtime, no database,
 * no JetStream publishing, no writing to key-value buckets, and no code of another service.
 */
@AnalyzeClasses(packages = "io.eventsaas.gateway", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule publishesNoEvents = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage(
                    "io.eventsaas.platform.eventstore..", "io.eventsaas.platform.projection..")
            .orShould().dependOnClassesThat().belongToAnyOf(JetStream.class)
            .because("the gateway never appends events: services do (law 2)");

    @ArchTest
    static final ArchRule ownsNoDatabase = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage(
                    "java.sql..", "javax.sql..", "org.springframework.jdbc..", "org.springframework.data..")
            .because("the gateway owns no database (law 2)");

    @ArchTest
    static final ArchRule knowsNoOtherService = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage(
                    "io.eventsaas.users..", "io.eventsaas.billing..", "io.eventsaas.projections..")
            .because("services share only contracts and platform (law 7)");

    @ArchTest
    static final ArchRule onlyReadsViews = noClasses()
            .should().callMethodWhere(target(owner(describe("KeyValue", (JavaClass owner) ->
                            owner.isAssignableTo(KeyValue.class))))
                    .and(target(nameMatching("put|create|update|delete|purge|purgeDeletes"))))
            .orShould().callMethodWhere(target(owner(describe("Connection", (JavaClass owner) ->
                            owner.isAssignableTo(Connection.class))))
                    .and(target(nameMatching("publish|jetStream|keyValueManagement|jetStreamManagement"))))
            .because("the gateway reads views and sends requests; it writes nothing to NATS");

    @ArchTest
    static final ArchRule protobufAtTheEdge = noClasses()
            .that().resideOutsideOfPackages("io.eventsaas.gateway.views..", "io.eventsaas.gateway.security..")
            .and().haveSimpleNameNotEndingWith("Client")
            .should().dependOnClassesThat().resideInAnyPackage("com.google.protobuf..",
                    "io.eventsaas.contracts.users..", "io.eventsaas.contracts.views..",
                    "io.eventsaas.contracts.billing..", "io.eventsaas.contracts.events..",
                    "io.eventsaas.contracts.rpc..")
            .because("pages and endpoints work with the gateway's own records; protobuf stays in the clients of "
                    + "the services (classes named *Client), in the views bucket's reader and in authentication");
}
