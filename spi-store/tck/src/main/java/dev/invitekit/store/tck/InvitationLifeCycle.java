package dev.invitekit.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.invitekit.account.Account;
import dev.invitekit.id.AccountId;
import dev.invitekit.email.EmailAddress;
import dev.invitekit.invite.DeliveryStatus;
import dev.invitekit.invite.Invitation;
import dev.invitekit.id.InvitationId;
import dev.invitekit.invite.InvitationState;
import dev.invitekit.member.Role;
import dev.invitekit.id.UserId;
import dev.invitekit.spi.store.Store;
import dev.invitekit.spi.store.StoredInvitation;
import dev.invitekit.spi.store.StoredUser;
import dev.invitekit.spi.store.TokenDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * The model-based test of the invitation life cycle (I5, I7, L1): a generated sequence of steps runs
 * against a real store and against a plain model (a map scanned by hand), and after every step the
 * store's answer and everything it holds for the account must equal the model's.
 *
 * <p>One instance runs one sequence in an account of its own, so many sequences can share a store.
 */
final class InvitationLifeCycle {

  /** What a step does. */
  enum Command {
    /** Inserts a new invitation, pending or awaiting approval, for one of a few addresses (I7, L1). */
    INVITE,
    /** Approves an invitation awaiting approval: pending, with its first token (L1). */
    APPROVE,
    /** Accepts, expecting PENDING (I5). */
    ACCEPT,
    /** Declines, expecting PENDING (I11). */
    DECLINE,
    /** Revokes, expecting PENDING or AWAITING_APPROVAL (I7, L1). */
    REVOKE,
    /** Expires, expecting PENDING or AWAITING_APPROVAL. */
    EXPIRE,
    /** Re-sends, expecting PENDING: a fresh token and a renewed expiry (I7). */
    RESEND,
    /** Records a delivery status against the current or a superseded token (I7). */
    RECORD_DELIVERY,
    /** Looks the invitation up by its current or a superseded token (S1). */
    FIND_BY_TOKEN,
    /** Looks up the open invitation of one address. */
    FIND_OPEN
  }

  /**
   * One generated step.
   *
   * @param command what it does
   * @param target which invitation it acts on: an index into those inserted so far, modulo their number
   * @param address which of the few addresses an INVITE or FIND_OPEN uses
   * @param variant awaiting approval (INVITE), expecting AWAITING_APPROVAL (REVOKE, EXPIRE), or a
   *     superseded token (RECORD_DELIVERY, FIND_BY_TOKEN)
   * @param status the delivery status a RECORD_DELIVERY records
   */
  record Step(Command command, int target, int address, boolean variant, DeliveryStatus status) {
    @Override
    public String toString() {
      return command + "(target=" + target + ", address=" + address + ", variant=" + variant
          + (command == Command.RECORD_DELIVERY ? ", " + status : "") + ")";
    }
  }

  // Invitations are the common case, so they come up more often than any other step.
  private static final List<Command> WEIGHTED_COMMANDS = List.of(
      Command.INVITE, Command.INVITE, Command.INVITE,
      Command.APPROVE, Command.ACCEPT, Command.DECLINE, Command.REVOKE, Command.EXPIRE,
      Command.RESEND, Command.RESEND,
      Command.RECORD_DELIVERY, Command.RECORD_DELIVERY,
      Command.FIND_BY_TOKEN, Command.FIND_OPEN);

  private static final List<EmailAddress> ADDRESSES = List.of(
      StoreFixtures.email("ann@acme.example"),
      StoreFixtures.email("bob@acme.example"),
      StoreFixtures.email("cy@elsewhere.example"));

  /** Sequences of 1 to {@code maxSteps} steps. */
  static Gen<List<Step>> sequences(int maxSteps) {
    Gen<Step> step = Generate.pick(WEIGHTED_COMMANDS).zip(
        integers().between(0, 7),
        integers().between(0, ADDRESSES.size() - 1),
        booleans().all(),
        Generate.enumValues(DeliveryStatus.class),
        Step::new);
    return lists().of(step).ofSizeBetween(1, maxSteps);
  }

  private final Store store;
  private final AccountId accountId;
  private final UserId inviterId;
  private final UserId acceptorId;
  private final TokenDigest neverIssued = StoreFixtures.freshDigest();
  private Instant now = StoreFixtures.NOW;

  // The model: the invitations as they should be, in insertion order, and each one's superseded tokens.
  private final Map<InvitationId, StoredInvitation> model = new LinkedHashMap<>();
  private final Map<InvitationId, List<TokenDigest>> superseded = new HashMap<>();
  private final List<InvitationId> ids = new ArrayList<>();

  /** Inserts an account, its inviting admin and a user who accepts, for stores with foreign keys. */
  InvitationLifeCycle(Store store) {
    this.store = store;
    Account account = StoreFixtures.account().build();
    StoredUser inviter = StoreFixtures.user().build();
    StoredUser acceptor = StoreFixtures.user().build();
    accountId = account.id();
    inviterId = inviter.user().id();
    acceptorId = acceptor.user().id();
    store.inTransaction(tx -> {
      tx.accounts().insert(account);
      tx.users().insert(inviter);
      tx.users().insert(acceptor);
      tx.memberships().insert(StoreFixtures.membership(accountId, inviterId).role(Role.ADMIN).build());
      return true;
    });
  }

  /** Runs every step, comparing the store with the model after each. */
  void run(List<Step> steps) {
    for (int i = 0; i < steps.size(); i++) {
      now = now.plus(Duration.ofMinutes(1));
      String where = "step " + (i + 1) + " of " + steps;
      apply(steps.get(i), where);
      verify(where);
    }
  }

  private void apply(Step step, String where) {
    if (step.command() == Command.INVITE) {
      invite(step, where);
      return;
    }
    if (step.command() == Command.FIND_OPEN) {
      EmailAddress email = ADDRESSES.get(step.address());
      Optional<StoredInvitation> found = store.inTransaction(tx -> tx.invitations().findOpen(accountId, email));
      assertThat(found).as("findOpenInvitation at %s", where).isEqualTo(modelOpen(email));
      return;
    }
    if (ids.isEmpty()) {
      return;
    }
    InvitationId id = ids.get(step.target() % ids.size());
    StoredInvitation current = Objects.requireNonNull(model.get(id));
    Invitation invitation = current.invitation();
    switch (step.command()) {
      case APPROVE -> update(new StoredInvitation(invitation.renewed(now.plus(Duration.ofDays(7)), now),
          StoreFixtures.freshDigest()), InvitationState.AWAITING_APPROVAL, where);
      case ACCEPT -> update(new StoredInvitation(invitation.accepted(acceptorId, now), current.tokenDigest()),
          InvitationState.PENDING, where);
      case DECLINE -> update(new StoredInvitation(invitation.withState(InvitationState.DECLINED, now),
          current.tokenDigest()), InvitationState.PENDING, where);
      case REVOKE -> update(new StoredInvitation(invitation.withState(InvitationState.REVOKED, now),
          current.tokenDigest()), openState(step), where);
      case EXPIRE -> update(new StoredInvitation(invitation.withState(InvitationState.EXPIRED, now),
          current.tokenDigest()), openState(step), where);
      case RESEND -> update(new StoredInvitation(invitation.renewed(now.plus(Duration.ofDays(7)), now),
          StoreFixtures.freshDigest()), InvitationState.PENDING, where);
      case RECORD_DELIVERY -> {
        TokenDigest digest = digest(id, current, step.variant());
        boolean stored = store.inTransaction(tx -> tx.invitations().recordDelivery(id, digest, step.status(), now));
        assertThat(stored).as("recordDelivery at %s", where).isEqualTo(modelRecordDelivery(id, digest, step.status()));
      }
      case FIND_BY_TOKEN -> {
        TokenDigest digest = digest(id, current, step.variant());
        Optional<StoredInvitation> found = store.inTransaction(tx -> tx.invitations().findByToken(digest));
        assertThat(found).as("findInvitationByToken at %s", where).isEqualTo(modelByToken(digest));
      }
      default -> throw new IllegalStateException("unhandled step " + step);
    }
  }

  private static InvitationState openState(Step step) {
    return step.variant() ? InvitationState.AWAITING_APPROVAL : InvitationState.PENDING;
  }

  /** The invitation's current token, or a superseded one (or one never issued) for a stale look-up. */
  private TokenDigest digest(InvitationId id, StoredInvitation current, boolean stale) {
    List<TokenDigest> old = superseded.getOrDefault(id, List.of());
    if (stale) {
      return old.isEmpty() ? neverIssued : old.get(old.size() - 1);
    }
    TokenDigest digest = current.tokenDigest();
    return digest == null ? neverIssued : digest;
  }

  private void invite(Step step, String where) {
    StoreFixtures.InvitationBuilder builder = StoreFixtures.invitation(accountId)
        .email(ADDRESSES.get(step.address()))
        .invitedBy(inviterId)
        .createdAt(now)
        .expiresAt(now.plus(Duration.ofDays(7)));
    if (step.variant()) {
      builder.state(InvitationState.AWAITING_APPROVAL);
    }
    StoredInvitation candidate = builder.build();
    boolean stored = store.inTransaction(tx -> tx.invitations().insert(candidate));
    assertThat(stored).as("insertInvitation at %s", where).isEqualTo(modelInsert(candidate));
  }

  private void update(StoredInvitation next, InvitationState expected, String where) {
    boolean stored = store.inTransaction(tx -> tx.invitations().update(next, expected));
    assertThat(stored).as("updateInvitation expecting %s at %s", expected, where)
        .isEqualTo(modelUpdate(next, expected));
  }

  private void verify(String where) {
    List<InvitationId> known = List.copyOf(model.keySet());
    List<Optional<StoredInvitation>> byId = new ArrayList<>();
    List<Optional<StoredInvitation>> open = new ArrayList<>();
    List<Invitation> listed = store.inTransaction(tx -> {
      known.forEach(id -> byId.add(tx.invitations().find(id)));
      ADDRESSES.forEach(email -> open.add(tx.invitations().findOpen(accountId, email)));
      return StoreFixtures.plain(tx.invitations().ofAccount(accountId));
    });
    assertThat(byId).as("findInvitation of each invitation after %s", where)
        .isEqualTo(known.stream().map(id -> Optional.of(Objects.requireNonNull(model.get(id)))).toList());
    assertThat(open).as("findOpenInvitation of each address after %s", where)
        .isEqualTo(ADDRESSES.stream().map(this::modelOpen).toList());
    assertThat(listed).as("invitations(account) after %s", where)
        .isEqualTo(model.values().stream().map(StoredInvitation::invitation).toList());
  }

  // ---- the model: plain scans, no indexes; no account filter, since a sequence has an account to itself

  private boolean modelInsert(StoredInvitation candidate) {
    boolean addressTaken = model.values().stream().anyMatch(i -> i.invitation().state().isOpen()
        && i.invitation().email().equals(candidate.invitation().email()));
    if (addressTaken) {
      return false;
    }
    model.put(candidate.invitation().id(), candidate);
    ids.add(candidate.invitation().id());
    return true;
  }

  private boolean modelUpdate(StoredInvitation next, InvitationState expected) {
    InvitationId id = next.invitation().id();
    StoredInvitation current = Objects.requireNonNull(model.get(id));
    if (current == null || current.invitation().state() != expected) {
      return false;
    }
    TokenDigest old = current.tokenDigest();
    if (old != null && !old.equals(next.tokenDigest())) {
      superseded.computeIfAbsent(id, k -> new ArrayList<>()).add(old);
    }
    model.put(id, next);
    return true;
  }

  private boolean modelRecordDelivery(InvitationId id, TokenDigest digest, DeliveryStatus status) {
    StoredInvitation current = Objects.requireNonNull(model.get(id));
    if (current == null || !digest.equals(current.tokenDigest())) {
      return false;
    }
    model.put(id, new StoredInvitation(current.invitation().withDelivery(status, now), current.tokenDigest()));
    return true;
  }

  private Optional<StoredInvitation> modelByToken(TokenDigest digest) {
    return model.values().stream().filter(i -> digest.equals(i.tokenDigest())).findFirst();
  }

  private Optional<StoredInvitation> modelOpen(EmailAddress email) {
    return model.values().stream()
        .filter(i -> i.invitation().state().isOpen() && i.invitation().email().equals(email))
        .findFirst();
  }
}
