package dev.invitekit.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invitekit.invite.InviteAs;
import dev.invitekit.invite.InviteRequest;
import dev.invitekit.invite.InviteResult;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 9 item 3 (I10, SPEC §5): reusing an idempotency key for a different request is input from outside;
 * it gets a typed refusal, never an exception, and nothing is created or sent.
 */
@DisplayName("I10: an idempotency key reused for another request gets a typed refusal (issue 9 item 3)")
class IdempotencyKeyReuseTest {
  private final RulesFixture f = new RulesFixture();

  @BeforeEach
  void acme() {
    f.createAcme();
  }

  @Test
  @DisplayName("I10: the same key with other addresses, role or language is refused as IdempotencyKeyReused; nothing is done")
  void reusedIdempotencyKeyGetsTypedOutcome_I10_issue9_3() {
    InviteRequest first = InviteRequest.members(f.adaId(), f.acmeId(), "bob@acme.com").withIdempotencyKey("batch-7");
    assertThat(f.kit.invitations().invite(first)).isInstanceOf(InviteResult.InviteReport.class);
    int mails = f.mailbox.count();
    f.clearEvents();

    InviteResult otherList = f.kit.invitations().invite(
        InviteRequest.members(f.adaId(), f.acmeId(), "carl@acme.com").withIdempotencyKey("batch-7"));
    InviteResult otherRole = f.kit.invitations().invite(first.asAdmins());
    InviteResult otherLanguage = f.kit.invitations().invite(first.withLocale(Locale.GERMAN));

    assertThat(otherList).isEqualTo(new InviteResult.IdempotencyKeyReused("batch-7"));
    assertThat(otherRole).isEqualTo(new InviteResult.IdempotencyKeyReused("batch-7"));
    assertThat(otherLanguage).isEqualTo(new InviteResult.IdempotencyKeyReused("batch-7"));
    assertThat(((InviteResult.IdempotencyKeyReused) otherList).message()).contains("batch-7").contains("new key");
    assertThat(f.mailbox.count()).isEqualTo(mails);
    assertThat(f.events()).isEmpty();
    assertThat(f.kit.invitations().list(f.adaId(), f.acmeId())).hasSize(1);
    assertThat(first.as()).isEqualTo(InviteAs.MEMBER);
  }

  @Test
  @DisplayName("I10: the same request with the same key still replays the first report")
  void sameRequestStillReplays_I10_issue9_3() {
    InviteRequest request = InviteRequest.members(f.adaId(), f.acmeId(), "bob@acme.com").withIdempotencyKey("batch-8");
    f.kit.invitations().invite(request);

    InviteResult again = f.kit.invitations().invite(request);

    assertThat(again).isInstanceOfSatisfying(InviteResult.InviteReport.class, r -> assertThat(r.replayed()).isTrue());
  }

  @Test
  @org.junit.jupiter.api.DisplayName("I10: a blank or over-long idempotency key (outside input, from a header) is a "
      + "typed answer, never an exception, and nothing is done")
  void malformedIdempotencyKeyGetsTypedOutcome_I10_issue9_review() {
    int mails = f.mailbox.count();
    for (String key : java.util.List.of("", "   ", "k".repeat(InviteRequest.MAX_IDEMPOTENCY_KEY + 1))) {
      InviteResult result = f.kit.invitations().invite(
          InviteRequest.members(f.adaId(), f.acmeId(), "bob@acme.com").withIdempotencyKey(key));
      assertThat(result).isEqualTo(new InviteResult.InvalidIdempotencyKey(InviteRequest.MAX_IDEMPOTENCY_KEY));
    }
    assertThat(f.mailbox.count()).isEqualTo(mails);
    assertThat(f.kit.invitations().invite(InviteRequest.members(f.adaId(), f.acmeId(), "bob@acme.com")
        .withIdempotencyKey("k".repeat(InviteRequest.MAX_IDEMPOTENCY_KEY)))).isInstanceOf(InviteResult.InviteReport.class);
  }
}
