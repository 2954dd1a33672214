package dev.invitekit.internal.signup;

import dev.invitekit.refusal.Refusal;
import dev.invitekit.refusal.Refusal.Reason;
import dev.invitekit.id.UserId;
import dev.invitekit.internal.token.Tokens;
import dev.invitekit.internal.tx.UnitOfWork;
import dev.invitekit.invite.Invitation;
import dev.invitekit.member.User;
import dev.invitekit.signup.SignupResult;
import dev.invitekit.spi.store.StoredUser;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** An identity that signed in accepts an invitation sent to its address (S6). */
final class JoinWithInvitation {
  private final UnitOfWork work;
  private final Clock clock;
  private final InvitationTokens tokens;
  private final AcceptInvitation accept;

  JoinWithInvitation(UnitOfWork work, Clock clock, InvitationTokens tokens, AcceptInvitation accept) {
    this.work = work;
    this.clock = clock;
    this.tokens = tokens;
    this.accept = accept;
  }

  SignupResult join(String token, UserId userId, @Nullable String clientKey) {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(userId, "userId");
    Instant now = clock.instant();
    InvitationTokens.Checked checked = work.tx("checking an invitation", tx -> tokens.check(tx, token, now, clientKey));
    if (checked instanceof InvitationTokens.Unusable unusable) {
      return new SignupResult.Unusable(unusable.status());
    }
    Optional<User> user = work.tx("finding a user", tx -> tx.users().find(userId).map(StoredUser::user));
    Invitation invitation = ((InvitationTokens.Usable) checked).invitation();
    if (user.isEmpty()) {
      return new SignupResult.NotAllowed(Refusal.of(Reason.NOT_A_MEMBER,
          "There is no such identity: sign in, then accept the invitation."));
    }
    if (!user.get().email().equals(invitation.email())) {
      // S6: said as it is, without naming the invited address: whoever holds the token can preview it (S1).
      return new SignupResult.NotAllowed(Refusal.of(Reason.INVITATION_FOR_ANOTHER_ADDRESS,
          "This invitation was sent to another email address than yours. Sign in with the address it was sent "
              + "to, or ask for an invitation to " + user.get().email() + "."));
    }
    return accept.accept(Tokens.digest(token), now, user.get(), null);
  }
}
