package dev.invitekit;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.library.dependencies.Slice;
import com.tngtech.archunit.library.dependencies.Slices;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * STYLE: the packages of core form no cycle (buckpal's DependencyRuleTests, Micrometer's ArchitectureTests).
 * Every package below {@code dev.invitekit} is a slice of its own, public and internal alike, so a cycle
 * between any two of them, however long, fails the build.
 *
 * <p>The one package outside the rule is {@code dev.invitekit} itself: it holds the facade, which wires
 * every capability, and the vocabulary every capability answers in ({@link Refusal}, the exception types,
 * {@code Secret}), so it necessarily sits above and below the others at once.
 */
@DisplayName("STYLE: the packages of core are free of cycles")
class PackageCyclesTest {
  private static JavaClasses core;

  @BeforeAll
  static void importCore() throws URISyntaxException {
    Path mainClasses = Path.of(Invitekit.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    core = new ClassFileImporter().importPath(mainClasses);
  }

  @Test
  @DisplayName("STYLE: no cycle between any two packages below dev.invitekit, each package its own slice")
  void packagesAreFreeOfCycles() {
    slices().matching("dev.invitekit.(**)").namingSlices("$1").should().beFreeOfCycles().check(core);
  }

  @Test
  @DisplayName("STYLE: the cycle rule sees every package of core but the facade's own")
  void ruleCoversEveryPackage() {
    Set<String> packages = core.stream().map(JavaClass::getPackageName)
        .filter(name -> !name.equals("dev.invitekit")).collect(Collectors.toCollection(TreeSet::new));
    Set<String> sliced = new TreeSet<>();
    for (Slice slice : Slices.matching("dev.invitekit.(**)").transform(core)) {
      slice.forEach(type -> sliced.add(type.getPackageName()));
    }
    assertThat(packages).contains("dev.invitekit.internal.invite", "dev.invitekit.account", "dev.invitekit.spi.store");
    assertThat(sliced).isEqualTo(packages);
  }
}
