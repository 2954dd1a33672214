package dev.invitekit.store.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invitekit.id.AccountId;
import dev.invitekit.account.Plan;
import dev.invitekit.invite.InvitationState;
import dev.invitekit.id.UserId;
import dev.invitekit.spi.store.StoredInvitation;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The fixtures platform teams reuse build valid, distinct records, and the kit's module exports what it should. */
class StoreFixturesTest {

  @Test
  @DisplayName("A1, P1: the default account is PRO_PLUS on the company domain with 5 seats, at the fixed instant")
  void defaultAccount() {
    var account = StoreFixtures.account().build();

    assertThat(account.plan()).isEqualTo(Plan.PRO_PLUS);
    assertThat(account.proPlusSeats()).isEqualTo(5);
    assertThat(account.companyDomains()).containsExactly(StoreFixtures.COMPANY_DOMAIN);
    assertThat(account.createdAt()).isEqualTo(StoreFixtures.NOW).isEqualTo(StoreFixtures.CLOCK.instant());
    assertThat(StoreFixtures.account().pro().build().proPlusSeats()).isZero();
  }

  @Test
  @DisplayName("I5: fresh token digests, addresses and link tokens never repeat, and link tokens have 43 URL-safe characters")
  void freshValuesAreDistinct() {
    Set<String> digests = IntStream.range(0, 1000).mapToObj(i -> StoreFixtures.freshDigest().hex())
        .collect(Collectors.toSet());
    Set<String> emails = IntStream.range(0, 1000).mapToObj(i -> StoreFixtures.freshEmail().toString())
        .collect(Collectors.toSet());
    Set<String> linkTokens = IntStream.range(0, 1000).mapToObj(i -> StoreFixtures.freshLinkToken())
        .collect(Collectors.toSet());

    assertThat(digests).hasSize(1000).allMatch(hex -> hex.matches("[0-9a-f]{64}"));
    assertThat(emails).hasSize(1000);
    assertThat(linkTokens).hasSize(1000).allMatch(token -> token.matches("[A-Za-z0-9_-]{43}"));
    assertThat(StoreFixtures.digestOf("same")).isEqualTo(StoreFixtures.digestOf("same"));
  }

  @Test
  @DisplayName("I5, L1: the default invitation is pending with a token; awaiting approval it has none")
  void invitationDefaults() {
    StoredInvitation pending = StoreFixtures.invitation(AccountId.random()).build();
    StoredInvitation awaiting = StoreFixtures.invitation(AccountId.random())
        .state(InvitationState.AWAITING_APPROVAL).build();

    assertThat(pending.invitation().state()).isEqualTo(InvitationState.PENDING);
    assertThat(pending.tokenDigest()).isNotNull();
    assertThat(pending.invitation().expiresAt()).isAfter(pending.invitation().createdAt());
    assertThat(awaiting.tokenDigest()).isNull();
  }

  @Test
  @DisplayName("L1, P4, U1: links, assignments and users default to valid, active, fresh records")
  void otherDefaults() {
    var link = StoreFixtures.link(AccountId.random()).build();
    var assignment = StoreFixtures.assignment(AccountId.random(), UserId.random()).build();
    var user = StoreFixtures.user().build();

    assertThat(link.active()).isTrue();
    assertThat(link.useLimit()).isNull();
    assertThat(link.expiresAt()).isAfter(link.createdAt());
    assertThat(assignment.assignedAt()).isEqualTo(StoreFixtures.NOW);
    assertThat(user.passwordHash().phc()).startsWith("$argon2id$");
    assertThat(user.user().email().domain()).isEqualTo(StoreFixtures.COMPANY_DOMAIN);
  }

  @Test
  @DisplayName("the kit's module exports only dev.invitekit.store.tck and opens it to JUnit alone")
  void moduleDescriptor() throws URISyntaxException {
    Path classes = Path.of(StoreContractKit.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    ModuleDescriptor module = ModuleFinder.of(classes).findAll().iterator().next().descriptor();

    assertThat(module.name()).isEqualTo("dev.invitekit.store.tck");
    assertThat(module.exports()).extracting(ModuleDescriptor.Exports::source).containsExactly("dev.invitekit.store.tck");
    assertThat(module.opens()).singleElement().satisfies(opens -> {
      assertThat(opens.source()).isEqualTo("dev.invitekit.store.tck");
      assertThat(opens.targets()).containsExactly("org.junit.platform.commons");
    });
    assertThat(module.requires().stream()
        .filter(r -> r.modifiers().contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE))
        .map(ModuleDescriptor.Requires::name).collect(Collectors.toSet()))
        .containsExactlyInAnyOrder("dev.invitekit.core", "org.junit.jupiter.api");
  }
}
