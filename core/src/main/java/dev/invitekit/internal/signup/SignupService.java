package dev.invitekit.internal.signup;

import dev.invitekit.Refusal;
import dev.invitekit.Refusal.Reason;
import dev.invitekit.account.Account;
import dev.invitekit.event.InvitekitEvent;
import dev.invitekit.internal.Kernel;
import dev.invitekit.internal.mail.MailComposer;
import dev.invitekit.internal.policy.Permissions;
import dev.invitekit.internal.token.Tokens;
import dev.invitekit.invite.Invitation;
import dev.invitekit.invite.InvitationState;
import dev.invitekit.link.LinkJoin;
import dev.invitekit.member.Membership;
import dev.invitekit.member.User;
import dev.invitekit.member.UserId;
import dev.invitekit.signup.FieldProblem;
import dev.invitekit.signup.FieldProblem.Code;
import dev.invitekit.signup.FieldProblem.Field;
import dev.invitekit.signup.InvitationPreview;
import dev.invitekit.signup.PreviewResult;
import dev.invitekit.signup.Signup;
import dev.invitekit.signup.SignupRequest;
import dev.invitekit.signup.SignupResult;
import dev.invitekit.signup.TokenStatus;
import dev.invitekit.spi.mail.MailMessage;
import dev.invitekit.spi.store.PasswordHash;
import dev.invitekit.spi.store.StoreTransaction;
import dev.invitekit.spi.store.StoredInvitation;
import dev.invitekit.spi.store.StoredUser;
import dev.invitekit.spi.store.TokenDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Sign-up and joining from an invitation (S1–S6, I8, I9, I11). */
public final class SignupService implements Signup {
  private final Kernel kernel;

  /** The service on the shared kernel. */
  public SignupService(Kernel kernel) {
    this.kernel = kernel;
  }

  /**
   * A token's invitation if it is usable now, else why not (S1). The token is looked up first: a known
   * token is never counted or refused for what others sent; only a miss counts, against the client and
   * the global cap, and past them answers TOO_MANY_ATTEMPTS (SPEC §5, issue 8 item 2).
   */
  private Object usable(StoreTransaction tx, String token, Instant now, @Nullable String clientKey) {
    if (!Tokens.isWellFormed(token)) {
      return miss(tx, clientKey);
    }
    // Found by the digest's indexed equality in the store, never by comparing tokens here (I5).
    TokenDigest digest = Tokens.digest(token);
    Optional<StoredInvitation> stored = tx.invitations().findByToken(digest);
    if (stored.isEmpty()) {
      // I7: the link of an older mail of an invitation sent again answers for itself, never as unknown.
      Optional<StoredInvitation> replaced = tx.invitations().findBySupersededToken(digest);
      if (replaced.isEmpty()) {
        return miss(tx, clientKey);
      }
      return supersededStatus(replaced.get().invitation(), now);
    }
    TokenStatus status = statusOf(stored.get().invitation(), now);
    return status != null ? status : stored.get();
  }

  private TokenStatus miss(StoreTransaction tx, @Nullable String clientKey) {
    return kernel.tokenAttempts.miss(tx, clientKey) ? TokenStatus.UNKNOWN : TokenStatus.TOO_MANY_ATTEMPTS;
  }

  /**
   * What an older, replaced token of the invitation answers (I7): SUPERSEDED while the invitation could
   * still be used with its newest link; once it cannot, the same status its newest link answers.
   */
  private static TokenStatus supersededStatus(Invitation invitation, Instant now) {
    TokenStatus status = statusOf(invitation, now);
    return status == null || status == TokenStatus.UNKNOWN ? TokenStatus.SUPERSEDED : status;
  }

  /** Why the invitation cannot be used now, or null when it can (S1). */
  private static @Nullable TokenStatus statusOf(Invitation invitation, Instant now) {
    return switch (invitation.state()) {
      case ACCEPTED -> TokenStatus.ALREADY_USED;
      case REVOKED -> TokenStatus.REVOKED;
      case DECLINED -> TokenStatus.DECLINED;
      case EXPIRED -> TokenStatus.EXPIRED;
      case AWAITING_APPROVAL -> TokenStatus.UNKNOWN;
      case PENDING -> invitation.isExpiredAt(now) ? TokenStatus.EXPIRED
          : invitation.ageCheckLocked() ? TokenStatus.LOCKED : null;
    };
  }

  @Override
  public PreviewResult preview(String token, @Nullable String clientKey) {
    Objects.requireNonNull(token, "token");
    Instant now = kernel.now();
    // Read-only: a mail scanner's GET or HEAD changes nothing (I9).
    return kernel.tx("previewing an invitation", tx -> {
      Object usable = usable(tx, token, now, clientKey);
      if (usable instanceof TokenStatus status) {
        return new PreviewResult.Unusable(status);
      }
      Invitation invitation = ((StoredInvitation) usable).invitation();
      // I8: the same re-check accepting makes, so a preview never says Valid for what accept refuses.
      Refusal refusal = recheck(tx, tx.accounts().find(invitation.accountId()).orElseThrow(), invitation);
      if (refusal != null) {
        return new PreviewResult.NotAllowed(refusal);
      }
      return new PreviewResult.Valid(previewOf(tx, invitation));
    });
  }

  private static InvitationPreview previewOf(StoreTransaction tx, Invitation invitation) {
    Account account = tx.accounts().find(invitation.accountId()).orElseThrow();
    User inviter = tx.users().find(invitation.invitedBy()).map(StoredUser::user).orElseThrow();
    return new InvitationPreview(account.name(), inviter.displayName(), inviter.email(), invitation.email(),
        invitation.role(), invitation.expiresAt());
  }

  @Override
  public SignupResult createAccount(SignupRequest request, @Nullable String clientKey) {
    Objects.requireNonNull(request, "request");
    Instant now = kernel.now();
    // One read for the token and the invited address: whether it already has an identity (S6).
    record Checked(Object usable, boolean taken) {}
    Checked checked = kernel.tx("checking an invitation", tx -> {
      Object usable = usable(tx, request.token(), now, clientKey);
      if (usable instanceof StoredInvitation stored && tx.users().findByEmail(stored.invitation().email()).isPresent()) {
        // The identity may be that of a concurrent sign-up with this very token that committed since the
        // token was read (read committed): then this is a loser of that race, and is told ALREADY_USED
        // like every other loser (issue 9 item 13), not that the address is taken.
        TokenStatus status = tx.invitations().findByToken(Tokens.digest(request.token()))
            .map(again -> statusOf(again.invitation(), now)).orElse(null);
        return status != null ? new Checked(status, false) : new Checked(usable, true);
      }
      return new Checked(usable, false);
    });
    if (checked.usable() instanceof TokenStatus status) {
      return new SignupResult.Unusable(status);
    }
    Invitation invitation = ((StoredInvitation) checked.usable()).invitation();
    TokenDigest digest = Tokens.digest(request.token());
    List<FieldProblem> problems = new ArrayList<>();
    String first = FormRules.name(request.firstName(), Field.FIRST_NAME, problems);
    String last = FormRules.name(request.lastName(), Field.LAST_NAME, problems);
    boolean oldEnough = FormRules.age(request.birthDate(), kernel.today(), problems);
    String password = kernel.formRules.password(request.password(), request.passwordConfirmation(), invitation.email(),
        FormRules.names(first, last), problems);
    boolean tooYoung = !oldEnough && problems.stream().anyMatch(p -> p.code() == Code.TOO_YOUNG);
    if (tooYoung) {
      // S2: a failed age check locks this invitation, so another date cannot simply be tried.
      kernel.tx("locking an invitation after a failed age check", tx -> tx.invitations().find(invitation.id())
          .filter(s -> s.invitation().state() == InvitationState.PENDING)
          .map(s -> tx.invitations().update(new StoredInvitation(s.invitation().lockedByAgeCheck(now), s.tokenDigest()),
              InvitationState.PENDING))
          .orElse(false));
    }
    if (checked.taken()) {
      problems.add(new FieldProblem(Field.EMAIL, Code.ALREADY_TAKEN, invitation.email()
          + " already has an identity: sign in, then accept the invitation with it."));
    }
    if (!problems.isEmpty() || first == null || last == null || password == null) {
      return new SignupResult.Invalid(problems);
    }
    PasswordHash hash = kernel.hasher.hash(password);
    User user = new User(UserId.random(), invitation.email(), first, last, now, now);
    return accept(digest, now, user, hash);
  }

  @Override
  public SignupResult join(String token, UserId userId, @Nullable String clientKey) {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(userId, "userId");
    Instant now = kernel.now();
    Object usable = kernel.tx("checking an invitation", tx -> usable(tx, token, now, clientKey));
    if (usable instanceof TokenStatus status) {
      return new SignupResult.Unusable(status);
    }
    Optional<User> user = kernel.tx("finding a user", tx -> tx.users().find(userId).map(StoredUser::user));
    Invitation invitation = ((StoredInvitation) usable).invitation();
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
    return accept(Tokens.digest(token), now, user.get(), null);
  }

  /** Thrown inside a unit of work to roll it back with an answer for the caller. */
  private static final class Abort extends Kernel.Rollback {
    private static final long serialVersionUID = 1L;
    final transient SignupResult result;

    Abort(SignupResult result) {
      this.result = result;
    }
  }

  private record Accepted(SignupResult result, Account account, Invitation invitation, List<String> mailIds) {}

  /**
   * S6 in one unit of work: re-checks the token and what the invitation grants (I8), creates the user
   * (when {@code hash} is given) and the membership, and marks the invitation accepted, at most once (I5).
   */
  private SignupResult accept(TokenDigest digest, Instant now, User user, @Nullable PasswordHash hash) {
    Accepted accepted;
    try {
      accepted = kernel.tx("accepting an invitation", tx -> {
        Optional<StoredInvitation> stored = tx.invitations().findByToken(digest);
        if (stored.isEmpty()) {
          // Replaced between the check and now (I7): never usable, and said so.
          throw new Abort(new SignupResult.Unusable(tx.invitations().findBySupersededToken(digest)
              .map(s -> supersededStatus(s.invitation(), now)).orElse(TokenStatus.UNKNOWN)));
        }
        Invitation invitation = stored.get().invitation();
        TokenStatus status = statusOf(invitation, now);
        if (status != null) {
          throw new Abort(new SignupResult.Unusable(status));
        }
        Account account = tx.accounts().find(invitation.accountId()).orElseThrow();
        Refusal refusal = recheck(tx, account, invitation);
        if (refusal != null) {
          throw new Abort(new SignupResult.NotAllowed(refusal));
        }
        // The invitation's conditional update first: it is the one step that picks the winner of concurrent
        // accepts, so every loser is told ALREADY_USED (I5, issue 9 item 13). An identity inserted after it
        // can then only clash with someone else's, and rolls the accept back.
        Invitation acceptedInvitation = invitation.accepted(user.id(), now);
        if (!tx.invitations().update(new StoredInvitation(acceptedInvitation, stored.get().tokenDigest()),
            InvitationState.PENDING)) {
          throw new Abort(new SignupResult.Unusable(TokenStatus.ALREADY_USED));
        }
        if (hash != null && !tx.users().insert(new StoredUser(user, hash))) {
          throw new Abort(new SignupResult.Invalid(List.of(new FieldProblem(Field.EMAIL, Code.ALREADY_TAKEN,
              invitation.email() + " already has an identity: sign in, then accept the invitation with it."))));
        }
        Membership membership = tx.memberships().find(account.id(), user.id()).orElse(null);
        boolean joined = membership == null;
        if (joined) {
          membership = new Membership(account.id(), user.id(), invitation.role(), true, invitation.invitedBy(),
              invitation.viaLink(), now);
          tx.memberships().insert(membership);
        }
        if (joined && invitation.viaLink() != null) {
          tx.links().recordJoin(new LinkJoin(invitation.viaLink(), user.id(), now));
        }
        User inviter = invitation.viaLink() == null
            ? tx.users().find(invitation.invitedBy()).map(StoredUser::user).orElse(null) : null;
        // The welcome and the inviter's notice are recorded with the join: sent if and only if it commits.
        List<String> mailIds = new ArrayList<>();
        mailIds.add(kernel.enqueue(tx, kernel.composer.welcome(user, account, membership.role(),
            acceptedInvitation.locale()), account.id(), null, null));
        String notice = notifyInviter(tx, account, inviter, acceptedInvitation, MailComposer.Notice.ACCEPTED,
            user.displayName());
        if (notice != null) {
          mailIds.add(notice);
        }
        return new Accepted(new SignupResult.Joined(user, membership), account, acceptedInvitation, mailIds);
      });
    } catch (Abort abort) {
      return abort.result;
    }
    SignupResult.Joined joined = (SignupResult.Joined) accepted.result();
    kernel.directory.invalidate(accepted.account().id());
    kernel.publish(List.of(new InvitekitEvent.MemberJoined(now, accepted.account().id(), user.id(),
        joined.membership().role(), accepted.invitation().id(), accepted.invitation().viaLink())));
    accepted.mailIds().forEach(kernel::deliverNow);
    return joined;
  }

  /** I8: what the invitation grants, checked again now, by the one permission decision (U6, L1). */
  private static @Nullable Refusal recheck(StoreTransaction tx, Account account, Invitation invitation) {
    return Permissions.stillGrants(tx, account, invitation);
  }

  @Override
  public PreviewResult decline(String token, @Nullable String clientKey) {
    Objects.requireNonNull(token, "token");
    Instant now = kernel.now();
    record Declined(PreviewResult result, @Nullable Account account, @Nullable Invitation invitation,
        @Nullable String noticeId) {}
    Declined declined = kernel.tx("declining an invitation", tx -> {
      Object usable = usable(tx, token, now, clientKey);
      if (usable instanceof TokenStatus status) {
        return new Declined(new PreviewResult.Unusable(status), null, null, null);
      }
      StoredInvitation stored = (StoredInvitation) usable;
      InvitationPreview preview = previewOf(tx, stored.invitation());
      Invitation next = stored.invitation().withState(InvitationState.DECLINED, now);
      if (!tx.invitations().update(new StoredInvitation(next, stored.tokenDigest()), InvitationState.PENDING)) {
        return new Declined(new PreviewResult.Unusable(TokenStatus.ALREADY_USED), null, null, null);
      }
      Account account = tx.accounts().find(next.accountId()).orElseThrow();
      User inviter = next.viaLink() == null ? tx.users().find(next.invitedBy()).map(StoredUser::user).orElse(null) : null;
      return new Declined(new PreviewResult.Valid(preview), account, next,
          notifyInviter(tx, account, inviter, next, MailComposer.Notice.DECLINED, null));
    });
    if (declined.invitation() != null && declined.account() != null) {
      kernel.publish(List.of(new InvitekitEvent.InvitationDeclined(now, declined.account().id(), declined.invitation().id())));
      if (declined.noticeId() != null) {
        kernel.deliverNow(declined.noticeId());
      }
    }
    return declined.result();
  }

  /** Records the inviter's notice in the outbox of {@code tx} when the policy asks for it (I11); its id, or null. */
  private @Nullable String notifyInviter(StoreTransaction tx, Account account, @Nullable User inviter,
      Invitation invitation, MailComposer.Notice notice, @Nullable String inviteeName) {
    if (inviter == null || !account.policy().notifyInviter()) {
      return null;
    }
    MailMessage message = kernel.composer.inviterNotice(inviter, invitation, account, notice, inviteeName);
    return kernel.enqueue(tx, message, account.id(), null, null);
  }
}
