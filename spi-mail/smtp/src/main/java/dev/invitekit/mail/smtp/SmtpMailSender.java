package dev.invitekit.mail.smtp;

import dev.invitekit.secret.Secret;
import dev.invitekit.spi.mail.DeliveryResult;
import dev.invitekit.spi.mail.MailMessage;
import dev.invitekit.spi.mail.MailSender;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.UnsupportedEncodingException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.eclipse.angus.mail.util.MailConnectException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers Invitekit's mail over SMTP (SPEC §4) with Jakarta Mail on Eclipse Angus: STARTTLS (required by
 * default) or SMTPS, optional authentication, timeouts, and one connection reused across a burst of sends.
 * Each message is {@code multipart/alternative} with a UTF-8 text part and a UTF-8 HTML part; headers are
 * encoded per RFC 2047; display names are stripped of CR, LF and other control characters; the
 * {@code Message-ID} is the message's own stable id, so a duplicate delivery can be recognized.
 *
 * <p>Failures are told apart (SPEC §4): an SMTP 5xx reply is {@linkplain DeliveryResult.Failed#permanent()
 * permanent}; a 4xx reply, a refused connection, a timeout, an unknown host or failed authentication is
 * transient (the outbox retries, and an operator can fix the server or the credentials meanwhile).
 *
 * <p>Thread-safe: sends are serialized over the one reused connection. A send that comes more than
 * {@linkplain Builder#idleTimeout(Duration) the idle time} after the last one closes it and opens a fresh
 * one; {@link #close()} closes it at once (call it when the app stops).
 *
 * <!-- snippet: ApiDocs#smtp -->
 * <pre>{@code
 * SmtpMailSender smtp = SmtpMailSender.builder()
 *     .host("smtp.example.com").port(587)
 *     .auth("invites@example.com", System.getenv("SMTP_PASSWORD"))
 *     .from("invites@example.com", "Example Invites")
 *     .build();
 * }</pre>
 */
public final class SmtpMailSender implements MailSender, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SmtpMailSender.class);
  private static final Pattern HEADER_NAME = Pattern.compile("[!-9;-~]+");

  /** How the connection is secured. */
  public enum Security {
    /** Plain connection upgraded with STARTTLS; fails if the server does not offer it. The default. */
    STARTTLS_REQUIRED,
    /** STARTTLS when the server offers it, plain otherwise: only for a relay on a trusted network. */
    STARTTLS_OPTIONAL,
    /** TLS from the first byte (SMTPS, usually port 465). */
    SMTPS
  }

  private final String host;
  private final int port;
  private final Security security;
  private final @Nullable String user;
  private final @Nullable String password;
  private final InternetAddress from;
  private final Duration idleTimeout;
  private final Clock clock;
  private final Session session;
  private final String protocol;
  private final ReentrantLock lock = new ReentrantLock();
  private @Nullable Transport transport;
  private Instant lastUsed = Instant.EPOCH;

  /** From a builder whose required host and from address {@link Builder#build()} checked. */
  private SmtpMailSender(Builder b, String host, String fromAddress) {
    this.host = host;
    this.port = b.port;
    this.security = b.security;
    this.user = b.user;
    this.password = b.password;
    this.idleTimeout = b.idleTimeout;
    this.clock = b.clock;
    try {
      this.from = new InternetAddress(fromAddress, b.fromName == null ? null : cleanName(b.fromName), "UTF-8");
      this.from.validate();
    } catch (UnsupportedEncodingException | MessagingException e) {
      throw new IllegalArgumentException("from address is not a valid address: " + fromAddress, e);
    }
    this.protocol = security == Security.SMTPS ? "smtps" : "smtp";
    String p = "mail." + protocol + ".";
    Properties props = new Properties();
    props.put(p + "host", host);
    props.put(p + "port", Integer.toString(port));
    props.put(p + "connectiontimeout", Long.toString(b.connectTimeout.toMillis()));
    props.put(p + "timeout", Long.toString(b.readTimeout.toMillis()));
    props.put(p + "writetimeout", Long.toString(b.writeTimeout.toMillis()));
    props.put(p + "auth", Boolean.toString(user != null));
    props.put(p + "ssl.checkserveridentity", "true");
    props.put(p + "from", from.getAddress());
    if (security != Security.SMTPS) {
      props.put(p + "starttls.enable", "true");
      props.put(p + "starttls.required", Boolean.toString(security == Security.STARTTLS_REQUIRED));
    }
    if (b.sslSocketFactory != null) {
      // Both SMTPS and STARTTLS take the factory; the server's name is still checked against its certificate.
      props.put(p + "ssl.socketFactory", b.sslSocketFactory);
    }
    props.put("mail.mime.charset", "UTF-8");
    this.session = Session.getInstance(props);
  }

  /** A builder; {@code host} and {@code from} are required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Sends one message over the reused connection (opening it if needed) and says what happened.
   *
   * @return {@link DeliveryResult.Delivered} with the message's id once the server accepted it; otherwise
   *     {@link DeliveryResult.Failed}, permanent for an SMTP 5xx reply, transient for anything that may pass
   */
  @Override
  public DeliveryResult send(MailMessage message) {
    Objects.requireNonNull(message, "message");
    MimeMessage mime;
    try {
      mime = toMime(message);
    } catch (MessagingException | UnsupportedEncodingException e) {
      return DeliveryResult.Failed.permanentFailure("the message cannot be written as MIME: "
          + e.getClass().getSimpleName());
    }
    lock.lock();
    try {
      boolean reused = closeIfIdle();
      try {
        return deliver(mime, message);
      } catch (MessagingException e) {
        if (reused && connectionProblem(e)) {
          // The server dropped the idle connection between sends: one fresh connection, then report.
          closeQuietly();
          try {
            return deliver(mime, message);
          } catch (MessagingException again) {
            return failed(again, message);
          }
        }
        return failed(e, message);
      }
    } finally {
      lock.unlock();
    }
  }

  private DeliveryResult deliver(MimeMessage mime, MailMessage message) throws MessagingException {
    Transport t = transport;
    if (t == null || !t.isConnected()) {
      closeQuietly();
      t = session.getTransport(protocol);
      transport = t;
      if (user != null) {
        t.connect(host, port, user, password);
      } else {
        t.connect();
      }
    }
    t.sendMessage(mime, mime.getAllRecipients());
    lastUsed = clock.instant();
    return new DeliveryResult.Delivered(message.messageId());
  }

  private DeliveryResult failed(MessagingException e, MailMessage message) {
    closeQuietly();
    int code = replyCode(e);
    boolean permanent = code >= 500 && code < 600;
    String detail = detail(e, code, message);
    LOG.debug("SMTP delivery of {} failed: {}", message.messageId(), detail);
    return permanent ? DeliveryResult.Failed.permanentFailure(detail) : DeliveryResult.Failed.transientFailure(detail);
  }

  /** The SMTP reply code carried anywhere in the exception chain, or 0 when there is none. */
  static int replyCode(Throwable e) {
    for (Throwable t = e; t != null; t = next(t)) {
      if (t instanceof SMTPAddressFailedException a) {
        return a.getReturnCode();
      }
      if (t instanceof SMTPSenderFailedException s) {
        return s.getReturnCode();
      }
      if (t instanceof SMTPSendFailedException s) {
        return s.getReturnCode();
      }
    }
    return 0;
  }

  private static @Nullable Throwable next(Throwable t) {
    if (t instanceof MessagingException m && m.getNextException() != null && m.getNextException() != t) {
      return m.getNextException();
    }
    return t.getCause() == t ? null : t.getCause();
  }

  private static boolean connectionProblem(MessagingException e) {
    return replyCode(e) == 0 && !(e instanceof AuthenticationFailedException);
  }

  private static String detail(MessagingException e, int code, MailMessage message) {
    String kind;
    if (code != 0) {
      kind = "SMTP " + code;
    } else if (e instanceof AuthenticationFailedException) {
      kind = "authentication failed";
    } else if (e instanceof MailConnectException || hasCause(e, ConnectException.class)) {
      kind = "connection refused";
    } else if (hasCause(e, SocketTimeoutException.class)) {
      kind = "timeout";
    } else if (hasCause(e, UnknownHostException.class)) {
      kind = "unknown host";
    } else {
      kind = e.getClass().getSimpleName();
    }
    // The server's reply, on one line and bounded: it names the failure, never the message's content. A content
    // filter may quote the link it refused: the link and its token come out before the reply is cut (SPEC §5).
    String reply = e instanceof SendFailedException sfe && sfe.getNextException() != null
        ? sfe.getNextException().getMessage() : e.getMessage();
    String oneLine = reply == null ? "" : message.redact(reply.replaceAll("[\\p{Cntrl}]+", " ").strip());
    if (oneLine.length() > 200) {
      oneLine = oneLine.substring(0, 200) + "…";
    }
    return oneLine.isEmpty() ? kind : kind + ": " + oneLine;
  }

  private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = next(t)) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  /** Closes the reused connection when it sat idle too long; returns whether one stays open for reuse. */
  private boolean closeIfIdle() {
    if (transport == null) {
      return false;
    }
    if (Duration.between(lastUsed, clock.instant()).compareTo(idleTimeout) > 0) {
      closeQuietly();
      return false;
    }
    return true;
  }

  private void closeQuietly() {
    Transport t = transport;
    transport = null;
    if (t != null) {
      try {
        t.close();
      } catch (MessagingException | RuntimeException e) {
        LOG.debug("Closing the SMTP connection failed: {}", e.toString());
      }
    }
  }

  /** Closes the reused connection, if any; the sender stays usable and reconnects on the next send. */
  @Override
  public void close() {
    lock.lock();
    try {
      closeQuietly();
    } finally {
      lock.unlock();
    }
  }

  private MimeMessage toMime(MailMessage message) throws MessagingException, UnsupportedEncodingException {
    MimeMessage mime = new StableIdMessage(session, message.messageId());
    mime.setFrom(from);
    String name = message.toName() == null ? null : cleanName(message.toName());
    mime.setRecipient(Message.RecipientType.TO, new InternetAddress(message.to().toString(),
        name == null || name.isEmpty() ? null : name, "UTF-8"));
    mime.setSubject(cleanName(message.subject()), "UTF-8");
    mime.setSentDate(Date.from(clock.instant()));
    for (Map.Entry<String, String> header : message.headers().entrySet()) {
      // Extra headers (List-Unsubscribe …) only with a token name; values on one line and encoded.
      if (HEADER_NAME.matcher(header.getKey()).matches()) {
        mime.setHeader(header.getKey(), jakarta.mail.internet.MimeUtility.encodeText(cleanName(header.getValue()),
            "UTF-8", null));
      }
    }
    MimeBodyPart text = new MimeBodyPart();
    text.setText(message.text(), StandardCharsets.UTF_8.name(), "plain");
    MimeBodyPart html = new MimeBodyPart();
    html.setText(message.html(), StandardCharsets.UTF_8.name(), "html");
    MimeMultipart alternative = new MimeMultipart("alternative");
    alternative.addBodyPart(text);
    alternative.addBodyPart(html);
    mime.setContent(alternative);
    mime.saveChanges();
    return mime;
  }

  /** A value for a header: control characters (CR, LF, NUL, tab …) and Unicode line separators become spaces. */
  static String cleanName(String value) {
    return value.replaceAll("[\\p{Cntrl}\\u0085\\u2028\\u2029]+", " ").strip();
  }

  /** A MimeMessage whose Message-ID is the message's own, stable across attempts. */
  private static final class StableIdMessage extends MimeMessage {
    private final String id;

    StableIdMessage(Session session, String id) {
      super(session);
      this.id = id;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", "<" + cleanName(id).replace(" ", "") + ">");
    }
  }

  /** Shows the server and the user; never the password. */
  @Override
  public String toString() {
    return "SmtpMailSender[" + protocol + "://" + host + ":" + port + ", security=" + security + ", user=" + user
        + ", password=" + (password == null ? "none" : Secret.REDACTED) + ", from=" + from.getAddress() + "]";
  }

  /** Configures an {@link SmtpMailSender}; each setting is checked when given. */
  public static final class Builder {
    private @Nullable String host;
    private int port = 587;
    private Security security = Security.STARTTLS_REQUIRED;
    private @Nullable String user;
    private @Nullable String password;
    private @Nullable String fromAddress;
    private @Nullable String fromName;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(30);
    private Duration writeTimeout = Duration.ofSeconds(30);
    private Duration idleTimeout = Duration.ofSeconds(5);
    private Clock clock = Clock.systemUTC();
    private @Nullable SSLSocketFactory sslSocketFactory;

    private Builder() {}

    /**
     * Trusts the certificates in {@code trustStore} (and only those) for SMTPS and STARTTLS, such as a
     * company's internal CA; without it the JVM's default trust store is used. The server's host name is
     * checked against its certificate either way.
     *
     * @throws IllegalArgumentException if the trust store cannot be used
     */
    public Builder trustStore(KeyStore trustStore) {
      Objects.requireNonNull(trustStore, "trustStore");
      try {
        // An unloaded or empty store would trust nothing and fail every delivery later; say so now.
        if (trustStore.size() == 0) {
          throw new IllegalArgumentException("trustStore holds no certificate: load it with the certificates to trust");
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trustStore);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        this.sslSocketFactory = context.getSocketFactory();
      } catch (GeneralSecurityException e) {
        throw new IllegalArgumentException("trustStore cannot be used for TLS: " + e.getMessage(), e);
      }
      return this;
    }

    /** The SMTP server's host name (required). */
    public Builder host(String host) {
      Objects.requireNonNull(host, "host");
      if (host.isBlank() || host.chars().anyMatch(c -> c <= ' ')) {
        throw new IllegalArgumentException("host must be a host name without spaces, was '" + host + "'");
      }
      this.host = host;
      return this;
    }

    /** The port (default 587; 465 is usual for SMTPS, 25 between servers). */
    public Builder port(int port) {
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("port must be 1 to 65535, was " + port);
      }
      this.port = port;
      return this;
    }

    /** How the connection is secured (default {@link Security#STARTTLS_REQUIRED}). */
    public Builder security(Security security) {
      this.security = Objects.requireNonNull(security, "security");
      return this;
    }

    /** Authenticates as {@code user} with {@code password}; the password is never shown by toString. */
    public Builder auth(String user, String password) {
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(password, "password");
      if (user.isBlank()) {
        throw new IllegalArgumentException("auth user must not be blank");
      }
      this.user = user;
      this.password = password;
      return this;
    }

    /** The sender's address (required) and display name (or null). */
    public Builder from(String address, @Nullable String name) {
      this.fromAddress = Objects.requireNonNull(address, "from address");
      this.fromName = name;
      return this;
    }

    /** The sender's address without a display name. */
    public Builder from(String address) {
      return from(address, null);
    }

    /** Connect, read and write timeouts (defaults 10 s, 30 s, 30 s); each above zero and at most 5 minutes. */
    public Builder timeouts(Duration connect, Duration read, Duration write) {
      this.connectTimeout = timeout(connect, "connect timeout");
      this.readTimeout = timeout(read, "read timeout");
      this.writeTimeout = timeout(write, "write timeout");
      return this;
    }

    private static Duration timeout(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero() || d.compareTo(Duration.ofMinutes(5)) > 0) {
        throw new IllegalArgumentException(name + " must be above zero and at most 5 minutes, was " + d);
      }
      return d;
    }

    /**
     * How long the connection stays open for reuse after a send (default 5 seconds; zero opens one
     * connection per message).
     */
    public Builder idleTimeout(Duration idle) {
      Objects.requireNonNull(idle, "idleTimeout");
      if (idle.isNegative() || idle.compareTo(Duration.ofMinutes(5)) > 0) {
        throw new IllegalArgumentException("idle timeout must be 0 to 5 minutes, was " + idle);
      }
      this.idleTimeout = idle;
      return this;
    }

    /** The clock for the Date header and the idle timeout (default the system UTC clock). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Builds the sender; it connects on the first send.
     *
     * @throws IllegalStateException if host or from is missing
     * @throws IllegalArgumentException if the from address is not valid
     */
    public SmtpMailSender build() {
      if (host == null) {
        throw new IllegalStateException("SmtpMailSender needs host(...)");
      }
      if (fromAddress == null) {
        throw new IllegalStateException("SmtpMailSender needs from(address, name)");
      }
      return new SmtpMailSender(this, host, fromAddress);
    }
  }
}
