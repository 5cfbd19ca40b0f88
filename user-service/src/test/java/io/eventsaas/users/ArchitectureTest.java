package io.eventsaas.users;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * This service's own structure (STYLE.md), beside the shared laws in {@link LawsTest}: protobuf and the NATS
 * client only at the {@code nats} edge, the domain free of logging too, and feature packages without cycles.
 */
@AnalyzeClasses(packages = "io.eventsaas.users", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule domainDependsOnNothingButJava = noClasses()
            .that().resideInAPackage("io.eventsaas.users.domain..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "java.sql..", "javax.sql..",
                    "io.nats..", "com.google.protobuf..", "io.eventsaas.contracts..", "io.eventsaas.platform..",
                    "org.slf4j..")
            .because("the domain is plain Java: deciders unit-tested without any server or framework");

    @ArchTest
    static final ArchRule protobufOnlyAtTheNatsEdge = noClasses()
            .that().resideOutsideOfPackage("io.eventsaas.users.nats..")
            .should().dependOnClassesThat().resideInAnyPackage("com.google.protobuf..",
                    "io.eventsaas.contracts.users..", "io.eventsaas.contracts.events..",
                    "io.eventsaas.contracts.rpc..", "io.eventsaas.contracts.billing..",
                    "io.eventsaas.contracts.views..")
            .because("protobuf types appear only where messages cross the wire: the nats package");

    @ArchTest
    static final ArchRule natsClientOnlyAtTheNatsEdge = noClasses()
            .that().resideOutsideOfPackage("io.eventsaas.users.nats..")
            .should().dependOnClassesThat().resideInAPackage("io.nats..")
            .because("the NATS client is an adapter concern; the use cases talk to the platform and to ports");

    @ArchTest
    static final ArchRule featurePackagesHaveNoCycles = slices()
            .matching("io.eventsaas.users.(*)..")
            .should().beFreeOfCycles();
}
