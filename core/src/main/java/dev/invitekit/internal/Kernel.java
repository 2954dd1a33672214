package dev.invitekit.internal;

import dev.invitekit.InvitekitException;
import dev.invitekit.StoreException;
import dev.invitekit.account.AccountId;
import dev.invitekit.event.InvitekitEvent;
import dev.invitekit.internal.contacts.Directory;
import dev.invitekit.internal.event.EventBus;
import dev.invitekit.internal.mail.MailComposer;
import dev.invitekit.internal.mail.MailDispatcher;
import dev.invitekit.internal.mail.OutboxPayload;
import dev.invitekit.internal.password.Argon2idHasher;
import dev.invitekit.internal.ratelimit.RateLimiter;
import dev.invitekit.internal.ratelimit.TokenAttempts;
import dev.invitekit.internal.signup.FormRules;
import dev.invitekit.internal.token.Tokens;
import dev.invitekit.invite.DeliveryStatus;
import dev.invitekit.invite.InvitationId;
import dev.invitekit.spi.mail.MailMessage;
import dev.invitekit.spi.mail.MailSender;
import dev.invitekit.spi.store.Store;
import dev.invitekit.spi.store.StoreTransaction;
import dev.invitekit.spi.store.TokenDigest;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * What every use case shares: the store and mail providers, the clock, tokens, hashing, templates,
 * events and limits. Immutable once built; thread-safe.
 */
public final class Kernel {
  public final Store store;
  public final MailSender mail;
  public final Clock clock;
  public final ZoneId zone;
  public final Tokens tokens;
  public final Argon2idHasher hasher;
  public final FormRules formRules;
  public final MailComposer composer;
  public final EventBus events;
  public final RateLimiter rateLimiter;
  public final TokenAttempts tokenAttempts;
  public final Directory directory;
  public final MailDispatcher dispatcher;
  private final URI baseUrl;
  private final String invitationPath;
  private final String linkPath;

  /** Wires the collaborators; the builder validated every setting. */
  public Kernel(Store store, MailSender mail, Clock clock, ZoneId zone, Tokens tokens, Argon2idHasher hasher,
      FormRules formRules, MailComposer composer, EventBus events, RateLimiter rateLimiter, Directory directory,
      URI baseUrl, String invitationPath, String linkPath, OutboxPayload payloads, MailDispatcher.Retry retry,
      TokenAttempts tokenAttempts) {
    this.store = store;
    this.mail = mail;
    this.clock = clock;
    this.zone = zone;
    this.tokens = tokens;
    this.hasher = hasher;
    this.formRules = formRules;
    this.composer = composer;
    this.events = events;
    this.rateLimiter = rateLimiter;
    this.tokenAttempts = tokenAttempts;
    this.directory = directory;
    this.baseUrl = baseUrl;
    this.invitationPath = invitationPath;
    this.linkPath = linkPath;
    // The dispatcher works through this kernel's units of work and events; it keeps the reference only.
    this.dispatcher = new MailDispatcher(this, mail, payloads, retry);
  }

  /** The current instant by the injected clock. */
  public Instant now() {
    return clock.instant();
  }

  /** Today in the configured zone (S2). */
  public LocalDate today() {
    return LocalDate.now(clock.withZone(zone));
  }

  /** The "Create account" link of an invitation token (I6). */
  public URI invitationUrl(String token) {
    return resolve(invitationPath, token);
  }

  /** The URL of an invite link token (L1). */
  public URI linkUrl(String token) {
    return resolve(linkPath, token);
  }

  private URI resolve(String pathTemplate, String token) {
    String base = baseUrl.toString();
    String path = pathTemplate.replace("{token}", token);
    return URI.create(base.endsWith("/") && path.startsWith("/") ? base + path.substring(1) : base + path);
  }

  /**
   * Runs one unit of work. Anything the store throws that is not already an {@link InvitekitException}
   * becomes a {@link StoreException} naming the store and the operation: the work was rolled back.
   */
  public <T> T tx(String operation, Function<StoreTransaction, T> work) {
    try {
      return store.inTransaction(work);
    } catch (InvitekitException | Rollback e) {
      // A Rollback is the use case's own answer, not a store failure: it must reach the use case as thrown.
      throw e;
    } catch (RuntimeException e) {
      throw new StoreException("The " + store.name() + " store failed during " + operation
          + "; nothing of it was recorded, and it is safe to retry.", e);
    }
  }

  /**
   * Thrown by a use case inside a unit of work to roll it back on purpose and carry an answer out to itself
   * (a refused accept, a key taken meanwhile). {@link #tx} rethrows it unchanged, never as a
   * {@link StoreException}, so the use case can catch it and return its answer.
   */
  public abstract static class Rollback extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Without message, cause or stack trace: it is control flow, never shown. */
    protected Rollback() {
      super(null, null, false, false);
    }
  }

  /** Publishes committed events (E1). */
  public void publish(List<? extends InvitekitEvent> committed) {
    events.publish(committed);
  }

  /**
   * Records {@code message} in the outbox inside the unit of work {@code tx} (SPEC §5): it is sent if and
   * only if the change it reports commits. Returns its id (its {@code Message-ID}) for {@link #deliverNow}.
   */
  public String enqueue(StoreTransaction tx, MailMessage message, @Nullable AccountId accountId,
      @Nullable InvitationId invitation, @Nullable TokenDigest digest) {
    return dispatcher.enqueue(tx, message, accountId, invitation, digest);
  }

  /**
   * One immediate attempt at a message {@linkplain #enqueue enqueued} by a unit of work that committed, so
   * the caller learns its delivery at once; a failure is retried by the outbox. Never throws for mail
   * problems: the invitation stays recorded and its delivery says what happened (SPEC §5).
   */
  public DeliveryStatus deliverNow(String outboxId) {
    return dispatcher.deliverNow(outboxId);
  }

  /**
   * {@link #deliverNow(String)} for the messages of one request, in a bounded number of units of work
   * however many there are; returns each one's delivery status.
   */
  public java.util.Map<String, DeliveryStatus> deliverNow(List<String> outboxIds) {
    return dispatcher.deliverNow(outboxIds);
  }
}
