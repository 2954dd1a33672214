package dev.invitekit.internal.signup;

import dev.invitekit.id.UserId;
import dev.invitekit.internal.password.Argon2idHasher;
import dev.invitekit.internal.token.Tokens;
import dev.invitekit.internal.tx.UnitOfWork;
import dev.invitekit.invite.Invitation;
import dev.invitekit.invite.InvitationState;
import dev.invitekit.member.User;
import dev.invitekit.signup.FieldProblem;
import dev.invitekit.signup.FieldProblem.Code;
import dev.invitekit.signup.FieldProblem.Field;
import dev.invitekit.signup.SignupRequest;
import dev.invitekit.signup.SignupResult;
import dev.invitekit.signup.TokenStatus;
import dev.invitekit.spi.store.PasswordHash;
import dev.invitekit.spi.store.StoredInvitation;
import dev.invitekit.spi.store.TokenDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** A new identity from an invitation (S1–S6): the form checked, the password hashed, then the accept. */
final class CreateAccountFromInvitation {
  private final UnitOfWork work;
  private final Clock clock;
  private final ZoneId zone;
  private final FormRules formRules;
  private final Argon2idHasher hasher;
  private final InvitationTokens tokens;
  private final AcceptInvitation accept;

  CreateAccountFromInvitation(UnitOfWork work, Clock clock, ZoneId zone, FormRules formRules, Argon2idHasher hasher,
      InvitationTokens tokens, AcceptInvitation accept) {
    this.work = work;
    this.clock = clock;
    this.zone = zone;
    this.formRules = formRules;
    this.hasher = hasher;
    this.tokens = tokens;
    this.accept = accept;
  }

  /** What the first read found: the token's answer, and whether the invited address has an identity (S6). */
  private sealed interface Checked permits Unusable, Usable {}

  private record Unusable(TokenStatus status) implements Checked {}

  private record Usable(Invitation invitation, boolean taken) implements Checked {}

  SignupResult createAccount(SignupRequest request, @Nullable String clientKey) {
    Objects.requireNonNull(request, "request");
    Instant now = clock.instant();
    // One read for the token and the invited address: whether it already has an identity (S6).
    Checked checked = work.tx("checking an invitation", tx -> {
      InvitationTokens.Checked token = tokens.check(tx, request.token().reveal(), now, clientKey);
      if (token instanceof InvitationTokens.Unusable unusable) {
        return new Unusable(unusable.status());
      }
      Invitation invitation = ((InvitationTokens.Usable) token).invitation();
      if (tx.users().findByEmail(invitation.email()).isPresent()) {
        // The identity may be that of a concurrent sign-up with this very token that committed since the
        // token was read (read committed): then this is a loser of that race, and is told ALREADY_USED
        // like every other loser (issue 9 item 13), not that the address is taken.
        TokenStatus status = tx.invitations().findByToken(Tokens.digest(request.token().reveal()))
            .map(again -> InvitationTokens.statusOf(again.invitation(), now)).orElse(null);
        return status != null ? new Unusable(status) : new Usable(invitation, true);
      }
      return new Usable(invitation, false);
    });
    if (checked instanceof Unusable unusable) {
      return new SignupResult.Unusable(unusable.status());
    }
    Usable usable = (Usable) checked;
    Invitation invitation = usable.invitation();
    TokenDigest digest = Tokens.digest(request.token().reveal());
    List<FieldProblem> problems = new ArrayList<>();
    String first = FormRules.name(request.firstName(), Field.FIRST_NAME, problems);
    String last = FormRules.name(request.lastName(), Field.LAST_NAME, problems);
    boolean oldEnough = FormRules.age(request.birthDate(), LocalDate.now(clock.withZone(zone)), problems);
    String password = formRules.password(request.password().reveal(), request.passwordConfirmation().reveal(),
        invitation.email(),
        FormRules.names(first, last), problems);
    boolean tooYoung = !oldEnough && problems.stream().anyMatch(p -> p.code() == Code.TOO_YOUNG);
    if (tooYoung) {
      // S2: a failed age check locks this invitation, so another date cannot simply be tried.
      work.tx("locking an invitation after a failed age check", tx -> tx.invitations().find(invitation.id())
          .filter(s -> s.invitation().state() == InvitationState.PENDING)
          .map(s -> tx.invitations().update(new StoredInvitation(s.invitation().lockedByAgeCheck(now), s.tokenDigest()),
              InvitationState.PENDING))
          .orElse(false));
    }
    if (usable.taken()) {
      problems.add(new FieldProblem(Field.EMAIL, Code.ALREADY_TAKEN, invitation.email()
          + " already has an identity: sign in, then accept the invitation with it."));
    }
    if (!problems.isEmpty() || first == null || last == null || password == null) {
      return new SignupResult.Invalid(problems);
    }
    PasswordHash hash = hasher.hash(password);
    User user = new User(UserId.random(), invitation.email(), first, last, now, now);
    return accept.accept(digest, now, user, hash);
  }
}
