package io.eventsaas.billing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("billing-service architecture")
class ArchitectureTest {

    private final JavaClasses service = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.eventsaas.billing");

    @Test
    @DisplayName("the plans domain is plain Java: no Spring, JDBC, NATS, protobuf or platform")
    void plansArePlainJava() {
        classes().that().resideInAPackage("io.eventsaas.billing.plans..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("io.eventsaas.billing.plans..", "java..")
                .check(service);
    }

    @Test
    @DisplayName("the billing domain (deciders, pricing, dunning) is plain Java: no Spring, JDBC, NATS, protobuf or platform")
    void domainIsPlainJava() {
        classes().that().resideInAPackage("io.eventsaas.billing.domain..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("io.eventsaas.billing.domain..",
                        "io.eventsaas.billing.plans..", "java..")
                .check(service);
    }

    @Test
    @DisplayName("protobuf types stay at the nats/ edge")
    void protobufAtTheEdge() {
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses()
                .that().resideOutsideOfPackage("io.eventsaas.billing.nats..")
                .should().dependOnClassesThat().resideInAnyPackage("com.google.protobuf..",
                        "io.eventsaas.contracts.billing..", "io.eventsaas.contracts.users..",
                        "io.eventsaas.contracts.rpc..")
                .check(service);
    }
}
