package dev.invitekit.internal.account;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/** The shipped list of public webmail domains (A4), in {@code webmail-domains.txt} beside this class. */
public final class WebmailDomains {
  private static final Set<String> DOMAINS = load();

  private WebmailDomains() {}

  /** Whether the (lower-case IDNA) domain is a public webmail domain. */
  public static boolean contains(String asciiDomain) {
    return DOMAINS.contains(asciiDomain);
  }

  private static Set<String> load() {
    try (InputStream in = WebmailDomains.class.getResourceAsStream("webmail-domains.txt")) {
      if (in == null) {
        throw new IllegalStateException("webmail-domains.txt is missing from the Invitekit core jar");
      }
      Set<String> domains = new HashSet<>();
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        String domain = line.strip();
        if (!domain.isEmpty() && !domain.startsWith("#")) {
          domains.add(domain);
        }
      }
      return Set.copyOf(domains);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read webmail-domains.txt", e);
    }
  }
}
