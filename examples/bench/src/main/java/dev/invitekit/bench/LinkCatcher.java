package dev.invitekit.bench;

import dev.invitekit.secret.Token;
import dev.invitekit.spi.mail.DeliveryResult;
import dev.invitekit.spi.mail.MailMessage;
import dev.invitekit.spi.mail.MailSender;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * A mail provider that accepts everything at once, as a fast relay would, and keeps only the last link of the
 * addresses it was told to watch: the benchmarks need a few tokens, never a copy of every message.
 */
final class LinkCatcher implements MailSender {
  private final Map<String, URI> watched = new ConcurrentHashMap<>();
  private final LongAdder sent = new LongAdder();

  /** Starts keeping the last link mailed to {@code address} (lower case). */
  void watch(String address) {
    watched.putIfAbsent(address, URI.create("about:none"));
  }

  /** The token of the last link mailed to a watched address. */
  Token tokenFor(String address) {
    URI link = watched.get(address);
    if (link == null || "about".equals(link.getScheme())) {
      throw new IllegalStateException("no link was mailed to " + address);
    }
    String path = link.getPath();
    return Token.of(path.substring(path.lastIndexOf('/') + 1));
  }

  long sent() {
    return sent.sum();
  }

  @Override
  public DeliveryResult send(MailMessage message) {
    sent.increment();
    URI link = message.actionUrl();
    String to = message.to().toString();
    if (link != null && watched.containsKey(to)) {
      watched.put(to, link);
    }
    return new DeliveryResult.Delivered(message.messageId());
  }
}
