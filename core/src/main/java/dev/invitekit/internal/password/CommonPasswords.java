package dev.invitekit.internal.password;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import me.gosimple.nbvcxz.Nbvcxz;

/**
 * The common-password list of nbvcxz ({@code dictionaries/passwords.txt}, about 100,000 leaked
 * passwords), loaded once on first use (S4). A maintained list, never a hand-written one.
 */
public final class CommonPasswords {
  private static final String RESOURCE = "/dictionaries/passwords.txt";

  private CommonPasswords() {}

  private static final class Holder {
    static final Set<String> PASSWORDS = load();
  }

  /** Whether the password, compared case-insensitively, is on the list. */
  public static boolean contains(String password) {
    return Holder.PASSWORDS.contains(password.toLowerCase(Locale.ROOT));
  }

  /** Loads the list now, so the first sign-up does not pay for it. */
  @SuppressWarnings("ReturnValueIgnored") // reading the holder's field is what loads the list
  public static void preload() {
    Holder.PASSWORDS.size();
  }

  private static Set<String> load() {
    // The dictionary lives in nbvcxz's jar outside any package, so it is readable from its module.
    try (InputStream in = Nbvcxz.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("nbvcxz's " + RESOURCE + " is missing: is me.gosimple:nbvcxz on the path?");
      }
      Set<String> words = new HashSet<>(200_000);
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        String word = line.strip();
        if (!word.isEmpty()) {
          words.add(word.toLowerCase(Locale.ROOT));
        }
      }
      return Set.copyOf(words);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read nbvcxz's common-password list", e);
    }
  }
}
