package dev.invitekit.internal.signup;

import java.util.Objects;
import dev.invitekit.refusal.Refusal.Reason;
import dev.invitekit.refusal.Refusal;
import dev.invitekit.secret.Token;
import dev.invitekit.account.Account;
import dev.invitekit.event.InvitekitEvent;
import dev.invitekit.id.UserId;
import dev.invitekit.internal.contacts.Directory;
import dev.invitekit.internal.event.EventBus;
import dev.invitekit.internal.mail.MailComposer;
import dev.invitekit.internal.mail.MailDispatcher;
import dev.invitekit.internal.password.Argon2idHasher;
import dev.invitekit.internal.ratelimit.TokenAttempts;
import dev.invitekit.internal.tx.UnitOfWork;
import dev.invitekit.signup.PreviewResult;
import dev.invitekit.signup.Signup;
import dev.invitekit.signup.SignupRequest;
import dev.invitekit.signup.SignupResult;
import java.time.Clock;
import java.time.ZoneId;
import org.jspecify.annotations.Nullable;

/**
 * Sign-up and joining from an invitation (S1–S6, I8, I9, I11): the {@link Signup} API over one class per
 * use case, {@link PreviewInvitation}, {@link CreateAccountFromInvitation}, {@link JoinWithInvitation} and
 * {@link DeclineInvitation}, the two that join sharing {@link AcceptInvitation}.
 */
public final class SignupService implements Signup {
  private final PreviewInvitation preview;
  private final CreateAccountFromInvitation createAccount;
  private final JoinWithInvitation join;
  private final DeclineInvitation decline;

  /** Wires the use cases of sign-up. */
  public SignupService(UnitOfWork work, Clock clock, ZoneId zone, EventBus events, FormRules formRules,
      Argon2idHasher hasher, TokenAttempts tokenAttempts, Directory directory, MailComposer composer,
      MailDispatcher outbox) {
    InvitationTokens tokens = new InvitationTokens(tokenAttempts);
    AcceptInvitation accept = new AcceptInvitation(work, events, directory, composer, outbox);
    this.preview = new PreviewInvitation(work, clock, tokens);
    this.createAccount = new CreateAccountFromInvitation(work, clock, zone, formRules, hasher, tokens, accept);
    this.join = new JoinWithInvitation(work, clock, tokens, accept);
    this.decline = new DeclineInvitation(work, clock, events, tokens, composer, outbox);
  }

  @Override
  public PreviewResult preview(Token token, @Nullable String clientKey) {
    return preview.preview(Objects.requireNonNull(token, "token").reveal(), clientKey);
  }

  @Override
  public SignupResult createAccount(SignupRequest request, @Nullable String clientKey) {
    return createAccount.createAccount(request, clientKey);
  }

  @Override
  public SignupResult join(Token token, UserId userId, @Nullable String clientKey) {
    return join.join(Objects.requireNonNull(token, "token").reveal(), userId, clientKey);
  }

  @Override
  public PreviewResult decline(Token token, @Nullable String clientKey) {
    return decline.decline(Objects.requireNonNull(token, "token").reveal(), clientKey);
  }
}
