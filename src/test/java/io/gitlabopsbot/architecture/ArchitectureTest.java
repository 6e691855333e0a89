package io.gitlabopsbot.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package structure the README describes, checked on the compiled classes so it stays true:
 * packages form no cycle, the composition root is on top, vendor SDKs are used only by their
 * adapters, and the transport-neutral kernel knows no capability.
 */
class ArchitectureTest {

  private static final String ROOT = "io.gitlabopsbot";

  /** Packages every capability builds on; they must not know any capability. */
  private static final String[] KERNEL = {
    ROOT + ".access..",
    ROOT + ".command..",
    ROOT + ".config..",
    ROOT + ".effects..",
    ROOT + ".logging..",
    ROOT + ".message..",
    ROOT + ".metrics..",
    ROOT + ".net..",
    ROOT + ".store..",
    ROOT + ".web.."
  };

  private static final String[] CAPABILITIES = {
    ROOT + ".alerts..",
    ROOT + ".approval..",
    ROOT + ".backup..",
    ROOT + ".cluster..",
    ROOT + ".migration..",
    ROOT + ".restore..",
    ROOT + ".scheduling..",
    ROOT + ".status.."
  };

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);
  }

  @Test
  void packagesFormNoCycle() {
    slices().matching(ROOT + ".(**)").should().beFreeOfCycles().check(classes);
  }

  @Test
  void onlyTheCompositionRootKnowsTheCompositionRoot() {
    noClasses()
        .that()
        .resideOutsideOfPackage(ROOT)
        .should()
        .dependOnClassesThat()
        .resideInAPackage(ROOT)
        .because("the root package wires everything; nothing below may reach back up to it")
        .check(classes);
  }

  @Test
  void theKernelKnowsNoCapability() {
    noClasses()
        .that()
        .resideInAnyPackage(KERNEL)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(CAPABILITIES)
        .check(classes);
  }

  @Test
  void theSlackAdapterKnowsNoCapability() {
    noClasses()
        .that()
        .resideInAPackage(ROOT + ".slack..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(CAPABILITIES)
        .check(classes);
  }

  @Test
  void slackSdkOnlyInTheSlackAdapter() {
    sdkOnlyIn("com.slack.api..", "Slack", ROOT + ".slack..").check(classes);
  }

  @Test
  void fabric8OnlyInKubernetesAdapters() {
    sdkOnlyIn("io.fabric8..", "Fabric8", ROOT + ".kubernetes..").check(classes);
  }

  @Test
  void awsSdkOnlyInAwsAdapters() {
    sdkOnlyIn("software.amazon.awssdk..", "Eks", ROOT + ".aws..", ROOT + ".storage..")
        .check(classes);
  }

  @Test
  void jschOnlyInTheSshAdapter() {
    sdkOnlyIn("com.jcraft..", "Jsch", ROOT + ".ssh..").check(classes);
  }

  @Test
  void quartzOnlyInScheduling() {
    sdkOnlyIn("org.quartz..", "Quartz", ROOT + ".scheduling..").check(classes);
  }

  /**
   * An SDK may be used by the composition root, by its adapter packages, and by adapter classes
   * named after it ({@code Fabric8Pods}, {@code EksInsights}) — never by services, handlers or
   * message builders, which see only the project's own ports.
   */
  private static ArchRule sdkOnlyIn(String sdk, String adapterPrefix, String... adapterPackages) {
    DescribedPredicate<JavaClass> adapter =
        DescribedPredicate.describe(
            "an adapter named " + adapterPrefix + "…",
            c -> outermost(c).getSimpleName().startsWith(adapterPrefix));
    return noClasses()
        .that()
        .resideOutsideOfPackage(ROOT)
        .and()
        .resideOutsideOfPackages(adapterPackages)
        .and(DescribedPredicate.not(adapter))
        .should()
        .dependOnClassesThat()
        .resideInAPackage(sdk);
  }

  private static JavaClass outermost(JavaClass c) {
    JavaClass current = c;
    while (current.getEnclosingClass().isPresent()) {
      current = current.getEnclosingClass().get();
    }
    return current;
  }
}
