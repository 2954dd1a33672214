package dev.invitekit.faults;

import dev.invitekit.mail.memory.RecordingMailbox;
import dev.invitekit.spi.mail.DeliveryResult;
import dev.invitekit.spi.mail.MailMessage;
import dev.invitekit.spi.mail.MailSender;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A mail server that is down for some recipients (or all) until healed; counts accepted sends per Message-ID. */
final class FlakyMail implements MailSender {
  final RecordingMailbox delivered = new RecordingMailbox();
  final Set<String> failing = ConcurrentHashMap.newKeySet();
  volatile boolean allDown;
  final Map<String, AtomicInteger> acceptedById = new ConcurrentHashMap<>();
  final List<MailMessage> attempts = new CopyOnWriteArrayList<>();

  @Override
  public DeliveryResult send(MailMessage message) {
    attempts.add(message);
    if (allDown || failing.contains(message.to().toString())) {
      return DeliveryResult.Failed.transientFailure("421 try later");
    }
    acceptedById.computeIfAbsent(message.messageId(), id -> new AtomicInteger()).incrementAndGet();
    return delivered.send(message);
  }

  void heal() {
    allDown = false;
    failing.clear();
  }

  long accepted(MailMessage.Kind kind, String to) {
    return delivered.to(to).stream().filter(m -> m.kind() == kind).count();
  }
}
