package dev.invitekit.mail.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invitekit.email.EmailAddress;
import dev.invitekit.spi.mail.DeliveryResult;
import dev.invitekit.spi.mail.MailMessage;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SMTPS end to end (issue 4): a TLS SMTP server on loopback with a certificate made for the test, trusted
 * through the sender's {@code trustStore}; and the two ways TLS must refuse: a certificate nobody trusts,
 * and a trusted certificate for another host name.
 */
@DisplayName("SMTPS: the server is trusted through trustStore, and its name is checked")
class SmtpsTrustTest {
  private static final char[] PASSWORD = "changeit".toCharArray();

  @TempDir
  Path dir;

  /** A PKCS#12 key store with one self-signed certificate whose subject alternative name is {@code san}. */
  private KeyStore certificate(String san) throws Exception {
    Path file = dir.resolve(san.replace(':', '_') + ".p12");
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "smtp", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
        "-dname", "CN=invitekit test", "-ext", "SAN=" + san, "-storetype", "PKCS12",
        "-keystore", file.toString(), "-storepass", "changeit", "-keypass", "changeit")
        .redirectErrorStream(true).start();
    String output = new String(keytool.getInputStream().readAllBytes());
    assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).as("keytool finished").isTrue();
    assertThat(keytool.exitValue()).as("keytool: %s", output).isZero();
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      store.load(in, PASSWORD);
    }
    return store;
  }

  private static FakeSmtpServer smtpsServer(KeyStore keys) throws Exception {
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, PASSWORD);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(kmf.getKeyManagers(), null, null);
    SSLServerSocket socket = (SSLServerSocket) tls.getServerSocketFactory()
        .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
    return new FakeSmtpServer(socket, address -> "250 OK");
  }

  private static MailMessage message() {
    return new MailMessage(MailMessage.Kind.INVITATION, EmailAddress.parse("bob@acme.com"), "Bob", "Join Acme",
        "Create account: https://app.example.com/invitations/x", "<p>Create account</p>",
        URI.create("https://app.example.com/invitations/x"), Map.of(), "smtps-1@app.example.com");
  }

  private static SmtpMailSender.Builder sender(int port) {
    return SmtpMailSender.builder().host("127.0.0.1").port(port).security(SmtpMailSender.Security.SMTPS)
        .from("invites@app.example.com");
  }

  @Test
  @DisplayName("a server whose certificate is in the trust store receives the message over SMTPS")
  void trustedServerReceives() throws Exception {
    KeyStore keys = certificate("ip:127.0.0.1");
    try (FakeSmtpServer server = smtpsServer(keys); SmtpMailSender smtp = sender(server.port()).trustStore(keys).build()) {
      assertThat(smtp.send(message())).isEqualTo(new DeliveryResult.Delivered("smtps-1@app.example.com"));
      assertThat(server.accepted).containsExactly("bob@acme.com");
    }
  }

  @Test
  @DisplayName("a certificate nobody trusts fails the delivery and sends nothing")
  void untrustedServerRefused() throws Exception {
    KeyStore keys = certificate("ip:127.0.0.1");
    try (FakeSmtpServer server = smtpsServer(keys); SmtpMailSender smtp = sender(server.port()).build()) {
      assertThat(smtp.send(message())).isInstanceOf(DeliveryResult.Failed.class);
      assertThat(server.accepted).isEmpty();
    }
  }

  @Test
  @DisplayName("a trusted certificate for another host name fails the delivery: the server's name is checked")
  void wrongHostNameRefused() throws Exception {
    KeyStore keys = certificate("dns:mail.other.example");
    try (FakeSmtpServer server = smtpsServer(keys); SmtpMailSender smtp = sender(server.port()).trustStore(keys).build()) {
      assertThat(smtp.send(message())).isInstanceOf(DeliveryResult.Failed.class);
      assertThat(server.accepted).isEmpty();
    }
  }

  @Test
  @DisplayName("a trust store that cannot be used is refused when it is given, naming the setting")
  void unusableTrustStoreRefused() throws Exception {
    KeyStore unloaded = KeyStore.getInstance("PKCS12");
    assertThatThrownBy(() -> SmtpMailSender.builder().trustStore(unloaded))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trustStore");
    KeyStore empty = KeyStore.getInstance("PKCS12");
    empty.load(null, null);
    assertThatThrownBy(() -> SmtpMailSender.builder().trustStore(empty))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trustStore holds no certificate");
  }
}
