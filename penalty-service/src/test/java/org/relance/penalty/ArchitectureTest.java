package org.relance.penalty;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.relance.testkit.DomainRules;

@AnalyzeClasses(
    packages = "org.relance.penalty",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest static final ArchRule domain_is_plain_java = DomainRules.DOMAIN_IS_PLAIN_JAVA;
}
