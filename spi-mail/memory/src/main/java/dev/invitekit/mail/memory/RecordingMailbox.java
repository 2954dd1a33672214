package dev.invitekit.mail.memory;

import dev.invitekit.email.EmailAddress;
import dev.invitekit.spi.mail.DeliveryResult;
import dev.invitekit.spi.mail.MailMessage;
import dev.invitekit.spi.mail.MailSender;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A {@link MailSender} that delivers nowhere and records every message, so tests can read the mail an
 * invite flow sent: the invitation and its "Create account" link (I6), the personal invitation a link
 * redemption sends to prove ownership of the address (L3), and the token to preview or sign up with
 * (S1).
 *
 * <p>It can also simulate a failing mail server ({@link #failNext(int, DeliveryResult.Failed)},
 * {@link #failAlways(DeliveryResult.Failed)}), so tests can check that a failed delivery is reported
 * and nothing is lost (SPEC §5).
 *
 * <p>Thread-safe: every method is atomic with respect to {@link #send(MailMessage)}, and every list it
 * returns is an immutable snapshot.
 *
 * <!-- snippet: ApiDocs#recording -->
 * <pre>{@code
 * RecordingMailbox mailbox = new RecordingMailbox();
 * // build the kit with .mail(mailbox), then invite bob@acme.com
 * URI link = mailbox.lastLink("bob@acme.com").orElseThrow();
 * PreviewResult preview = kit.signup().preview(Token.of(RecordingMailbox.tokenOf(link)));
 * }</pre>
 */
public final class RecordingMailbox implements MailSender {

  private final Object lock = new Object();
  private final List<MailMessage> delivered = new ArrayList<>();
  private final List<MailMessage> failed = new ArrayList<>();
  private int failuresLeft;
  private DeliveryResult.@Nullable Failed nextFailure;
  private DeliveryResult.@Nullable Failed alwaysFailure;

  /** An empty mailbox that delivers every message. */
  public RecordingMailbox() {}

  /**
   * Records the message, or fails it when a failure is being simulated.
   *
   * @return {@link DeliveryResult.Delivered} with the message's id, recorded in {@link #all()}; or,
   *     while a simulated failure applies, that {@link DeliveryResult.Failed}, with the message recorded
   *     only in {@link #failedAttempts()}
   */
  @Override
  public DeliveryResult send(MailMessage message) {
    Objects.requireNonNull(message, "message");
    synchronized (lock) {
      DeliveryResult.Failed failure = takeFailure();
      if (failure != null) {
        failed.add(message);
        return failure;
      }
      delivered.add(message);
      return new DeliveryResult.Delivered(message.messageId());
    }
  }

  // Called with the lock held.
  private DeliveryResult.@Nullable Failed takeFailure() {
    if (failuresLeft > 0) {
      failuresLeft--;
      DeliveryResult.Failed failure = nextFailure;
      if (failuresLeft == 0) {
        nextFailure = null;
      }
      return failure;
    }
    return alwaysFailure;
  }

  /** Every delivered message, in send order; an immutable snapshot (empty when none). */
  public List<MailMessage> all() {
    synchronized (lock) {
      return List.copyOf(delivered);
    }
  }

  /**
   * The delivered messages addressed to {@code address}, in send order; an immutable snapshot (empty
   * when none). Addresses compare in normalized form, so {@code Bob@Acme.com} finds mail to
   * {@code bob@acme.com} (I3).
   */
  public List<MailMessage> to(EmailAddress address) {
    Objects.requireNonNull(address, "address");
    synchronized (lock) {
      return delivered.stream().filter(m -> m.to().equals(address)).toList();
    }
  }

  /**
   * Like {@link #to(EmailAddress)}, for an address typed as text.
   *
   * @throws IllegalArgumentException when {@code address} is not a valid email address
   */
  public List<MailMessage> to(String address) {
    return to(EmailAddress.parse(address));
  }

  /** The last delivered message to {@code address}, or empty when none was delivered to it (I3). */
  public Optional<MailMessage> last(EmailAddress address) {
    List<MailMessage> messages = to(address);
    return messages.isEmpty() ? Optional.empty() : Optional.of(messages.get(messages.size() - 1));
  }

  /**
   * Like {@link #last(EmailAddress)}, for an address typed as text.
   *
   * @throws IllegalArgumentException when {@code address} is not a valid email address
   */
  public Optional<MailMessage> last(String address) {
    return last(EmailAddress.parse(address));
  }

  /**
   * The invitation link of the last delivered message to {@code address} that carries one: the
   * invitation's or reminder's "Create account" link (I6, I11), the one a link redemption sent (L3), or a
   * founder's confirmation link (A3).
   * Other messages, such as a welcome (whose link is the sign-in page) or an already-member hint, are
   * skipped, so the invitation link stays findable after them.
   *
   * @return the link, or empty when no invitation, reminder, link-verification or founder confirmation
   *     message went to that address
   */
  public Optional<URI> lastLink(EmailAddress address) {
    List<MailMessage> messages = to(address);
    for (int i = messages.size() - 1; i >= 0; i--) {
      MailMessage message = messages.get(i);
      URI link = message.actionUrl();
      if (link != null && carriesInvitationLink(message.kind())) {
        return Optional.of(link);
      }
    }
    return Optional.empty();
  }

  private static boolean carriesInvitationLink(MailMessage.Kind kind) {
    return kind == MailMessage.Kind.INVITATION || kind == MailMessage.Kind.REMINDER
        || kind == MailMessage.Kind.LINK_VERIFICATION || kind == MailMessage.Kind.FOUNDER_CONFIRMATION;
  }

  /**
   * Like {@link #lastLink(EmailAddress)}, for an address typed as text.
   *
   * @throws IllegalArgumentException when {@code address} is not a valid email address
   */
  public Optional<URI> lastLink(String address) {
    return lastLink(EmailAddress.parse(address));
  }

  /**
   * The token a link carries: its last path segment, as written (tokens are URL-safe, I5), ignoring a
   * trailing slash. Use it to preview the invitation or sign up (S1).
   *
   * @throws IllegalArgumentException when the link has no path segment
   */
  public static String tokenOf(URI link) {
    Objects.requireNonNull(link, "link");
    String path = link.getRawPath();
    if (path != null && path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    String segment = path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
    if (segment.isEmpty()) {
      throw new IllegalArgumentException("link has no path segment to take a token from: " + link);
    }
    return segment;
  }

  /** How many messages were delivered (failed attempts not counted). */
  public int count() {
    synchronized (lock) {
      return delivered.size();
    }
  }

  /**
   * The messages whose delivery was failed by simulation, in send order; an immutable snapshot (empty
   * when none).
   */
  public List<MailMessage> failedAttempts() {
    synchronized (lock) {
      return List.copyOf(failed);
    }
  }

  /**
   * Forgets every delivered message and failed attempt. A simulated failure still in force stays; use
   * {@link #recover()} to end it.
   */
  public void clear() {
    synchronized (lock) {
      delivered.clear();
      failed.clear();
    }
  }

  /**
   * Makes the next {@code n} sends return {@code failure} without delivering, replacing any earlier
   * {@code failNext}. They take precedence over {@link #failAlways(DeliveryResult.Failed)}; {@code n} of
   * 0 cancels an earlier {@code failNext}.
   *
   * @throws IllegalArgumentException when {@code n} is negative
   */
  public void failNext(int n, DeliveryResult.Failed failure) {
    Objects.requireNonNull(failure, "failure");
    if (n < 0) {
      throw new IllegalArgumentException("number of failures must not be negative: " + n);
    }
    synchronized (lock) {
      failuresLeft = n;
      nextFailure = n == 0 ? null : failure;
    }
  }

  /** Makes every send from now on return {@code failure} without delivering, until {@link #recover()}. */
  public void failAlways(DeliveryResult.Failed failure) {
    Objects.requireNonNull(failure, "failure");
    synchronized (lock) {
      alwaysFailure = failure;
    }
  }

  /**
   * Ends every simulated failure, both {@link #failNext(int, DeliveryResult.Failed)} and
   * {@link #failAlways(DeliveryResult.Failed)}; the next send is delivered. Recorded mail stays.
   */
  public void recover() {
    synchronized (lock) {
      failuresLeft = 0;
      nextFailure = null;
      alwaysFailure = null;
    }
  }

  /** Shows counts only: recorded messages hold secret links (I5). */
  @Override
  public String toString() {
    synchronized (lock) {
      return "RecordingMailbox[delivered=" + delivered.size() + ", failed=" + failed.size() + "]";
    }
  }
}
