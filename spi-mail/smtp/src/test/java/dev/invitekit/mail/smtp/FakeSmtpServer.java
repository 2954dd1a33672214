package dev.invitekit.mail.smtp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A tiny SMTP server on a loopback port for replies GreenMail cannot give: it answers each RCPT TO with
 * what {@code rcptReply} says (such as {@code 550 5.1.1 no such user} or {@code 451 4.3.2 busy}) and
 * accepts everything else, recording the envelope recipients of each accepted message; {@link #dataReply} can
 * refuse the message itself, as a content filter does.
 */
final class FakeSmtpServer implements AutoCloseable {
  private final ServerSocket socket;
  private final Function<String, String> rcptReply;
  final List<String> accepted = new CopyOnWriteArrayList<>();
  final java.util.concurrent.atomic.AtomicInteger connections = new java.util.concurrent.atomic.AtomicInteger();
  /** The answer to the end of DATA; {@code 250} accepts the message, anything else refuses it. */
  volatile String dataReply = "250 OK queued";
  private final Thread thread;

  FakeSmtpServer(Function<String, String> rcptReply) throws IOException {
    this(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), rcptReply);
  }

  /** A server on a socket of the test's making, such as a TLS server socket for SMTPS. */
  FakeSmtpServer(ServerSocket socket, Function<String, String> rcptReply) {
    this.socket = socket;
    this.rcptReply = rcptReply;
    this.thread = new Thread(this::serve, "fake-smtp");
    thread.setDaemon(true);
    thread.start();
  }

  int port() {
    return socket.getLocalPort();
  }

  private void serve() {
    while (!socket.isClosed()) {
      try (Socket client = socket.accept()) {
        connections.incrementAndGet();
        converse(client);
      } catch (IOException e) {
        // closed, or the client hung up: wait for the next one
      }
    }
  }

  private void converse(Socket client) throws IOException {
    BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
    OutputStream out = client.getOutputStream();
    reply(out, "220 fake.invalid ESMTP");
    List<String> recipients = new CopyOnWriteArrayList<>();
    String line;
    while ((line = in.readLine()) != null) {
      String upper = line.toUpperCase(Locale.ROOT);
      if (upper.startsWith("EHLO")) {
        reply(out, "250-fake.invalid\r\n250 8BITMIME");
      } else if (upper.startsWith("HELO") || upper.startsWith("NOOP") || upper.startsWith("MAIL FROM")) {
        reply(out, "250 OK");
      } else if (upper.startsWith("RSET")) {
        recipients.clear();
        reply(out, "250 OK");
      } else if (upper.startsWith("RCPT TO")) {
        String address = line.substring(line.indexOf('<') + 1, line.indexOf('>'));
        String answer = rcptReply.apply(address);
        if (answer.startsWith("250")) {
          recipients.add(address);
        }
        reply(out, answer);
      } else if (upper.startsWith("DATA")) {
        reply(out, "354 go ahead");
        while ((line = in.readLine()) != null && !line.equals(".")) {
          // the message body; not kept
        }
        String answer = dataReply;
        if (answer.startsWith("250")) {
          accepted.addAll(recipients);
        }
        recipients.clear();
        reply(out, answer);
      } else if (upper.startsWith("QUIT")) {
        reply(out, "221 bye");
        return;
      } else {
        reply(out, "502 not implemented");
      }
    }
  }

  private static void reply(OutputStream out, String text) throws IOException {
    out.write((text + "\r\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
