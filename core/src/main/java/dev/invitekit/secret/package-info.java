/** Secrets that enter the public API, whose text never shows (Password, Token), and how passwords are hashed (S4). */
@NullMarked
package dev.invitekit.secret;

import org.jspecify.annotations.NullMarked;
