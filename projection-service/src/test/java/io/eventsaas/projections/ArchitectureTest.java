package io.eventsaas.projections;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.eventsaas.platform.eventstore.Append;
import io.eventsaas.platform.eventstore.EventStore;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** projection-service is an event handler only: it reads the stream and writes views, nothing else. */
@DisplayName("projection-service architecture")
class ArchitectureTest {

    private static JavaClasses service;

    @BeforeAll
    static void importClasses() {
        service = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.eventsaas.projections");
    }

    @Test
    @DisplayName("answers no requests: nothing uses the platform's RPC runtime or the NATS service framework")
    void answersNoRequests() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.eventsaas.platform.rpc..",
                "io.nats.service..").check(service);
    }

    @Test
    @DisplayName("publishes no events: nothing appends to the event store")
    void appendsNoEvents() {
        noClasses().should().callMethod(EventStore.class, "append", Append.class).check(service);
    }

    @Test
    @DisplayName("publishes no events: nothing uses JetStream publishing or a core publish or request")
    void publishesNothingOnNats() {
        noClasses().should().dependOnClassesThat().areAssignableTo(JetStream.class)
                .orShould().callMethodWhere(DescribedPredicate.describe("Connection.publish or Connection.request",
                        call -> call.getTarget().getOwner().isAssignableTo(Connection.class)
                                && (call.getTarget().getName().startsWith("publish")
                                || call.getTarget().getName().startsWith("request"))))
                .check(service);
    }

    @Test
    @DisplayName("the read model and its handler are plain Java: no Spring, JDBC, NATS, protobuf or platform")
    void domainIsPlainJava() {
        classes().that().resideInAPackage("io.eventsaas.projections.summary..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("io.eventsaas.projections.summary..", "java..")
                .check(service);
    }
}
