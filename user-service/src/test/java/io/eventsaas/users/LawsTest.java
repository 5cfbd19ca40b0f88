package io.eventsaas.users;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.eventsaas.platform.testing.ArchitectureLaws;

/** The laws of docs/architecture.md that bind this service, checked on its compiled classes. */
@AnalyzeClasses(packages = "io.eventsaas.users", importOptions = ImportOption.DoNotIncludeTests.class)
class LawsTest {

    @ArchTest
    static final ArchRule no_rpc_inside_the_application = ArchitectureLaws.noRpcInsideTheApplication("io.eventsaas.users");

    @ArchTest
    static final ArchRule owns_its_code = ArchitectureLaws.ownsItsCode("io.eventsaas.users");

    @ArchTest
    static final ArchRule domain_is_plain_java = ArchitectureLaws.domainIsPlainJava("io.eventsaas.users.domain");
}
