package dev.invitekit.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invitekit.invite.AddressOutcome;
import dev.invitekit.invite.InviteResult;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 9 item 4 (I2): the limit of 20 is on distinct valid addresses; invalid entries get their own
 * outcome and do not count. The work of one request is bounded separately, by a cap on the number of
 * entries (200), with its own refusal.
 */
@DisplayName("I2: the limit counts distinct valid addresses; entries have their own cap (issue 9 item 4)")
class AddressLimitCountsValidTest {
  private final RulesFixture f = new RulesFixture();

  @BeforeEach
  void acme() {
    f.createAcme();
  }

  private static String valid(int count) {
    return IntStream.rangeClosed(1, count).mapToObj(i -> String.format("p%02d@acme.com", i))
        .collect(Collectors.joining("; "));
  }

  @Test
  @DisplayName("I2: twenty valid addresses and one typo: the twenty are invited, the typo gets its own Invalid outcome")
  void twentyValidAndOneTypoAreInvited_I2_issue9_4() {
    InviteResult result = f.kit.invitations().inviteByEmail(f.adaId(), f.acmeId(), valid(20) + "; p21@acme");

    assertThat(result).isInstanceOf(InviteResult.InviteReport.class);
    InviteResult.InviteReport report = (InviteResult.InviteReport) result;
    assertThat(report.outcomes()).hasSize(21);
    assertThat(report.outcomes(AddressOutcome.Invited.class)).hasSize(20);
    assertThat(report.outcomes(AddressOutcome.Invalid.class)).singleElement()
        .satisfies(i -> assertThat(i.input()).isEqualTo("p21@acme"));
    assertThat(f.kit.invitations().list(f.adaId(), f.acmeId())).hasSize(20);
  }

  @Test
  @DisplayName("I2: twenty-one valid addresses among typos are refused as a whole, counting only the valid ones")
  void twentyOneValidAreRefusedCountingOnlyValid_I2_issue9_4() {
    InviteResult result = f.kit.invitations().inviteByEmail(f.adaId(), f.acmeId(), valid(21) + "; typo@; other@");

    assertThat(result).isEqualTo(new InviteResult.TooManyAddresses(20, 21));
    assertThat(f.kit.invitations().list(f.adaId(), f.acmeId())).isEmpty();
    assertThat(f.mailbox.count()).isZero();
  }

  @Test
  @DisplayName("I2: more than 200 distinct entries are refused as a whole with TooManyEntries, naming the cap and the count")
  void moreThanTheEntryCapIsRefused_I2_issue9_4() {
    String junk = IntStream.rangeClosed(1, 201).mapToObj(i -> "junk" + i + "@").collect(Collectors.joining("; "));

    InviteResult result = f.kit.invitations().inviteByEmail(f.adaId(), f.acmeId(), "bob@acme.com; " + junk);

    assertThat(result).isEqualTo(new InviteResult.TooManyEntries(200, 202));
    assertThat(((InviteResult.TooManyEntries) result).message()).contains("200").contains("202");
    assertThat(f.kit.invitations().list(f.adaId(), f.acmeId())).isEmpty();
    assertThat(f.mailbox.count()).isZero();
  }

  @Test
  @DisplayName("I2: up to 200 entries are looked at, each invalid one with its own outcome")
  void entriesUpToTheCapEachGetAnOutcome_I2_issue9_4() {
    String junk = IntStream.rangeClosed(1, 199).mapToObj(i -> "junk" + i + "@").collect(Collectors.joining("; "));

    InviteResult result = f.kit.invitations().inviteByEmail(f.adaId(), f.acmeId(), "bob@acme.com; " + junk);

    assertThat(result).isInstanceOfSatisfying(InviteResult.InviteReport.class, report -> {
      assertThat(report.outcomes()).hasSize(200);
      assertThat(report.outcomes(AddressOutcome.Invalid.class)).hasSize(199);
    });
  }
}
