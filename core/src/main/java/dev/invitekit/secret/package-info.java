/**
 * dev.invitekit.secret: the secrets that enter the public API, a {@link dev.invitekit.secret.Password} and a
 * {@link dev.invitekit.secret.Token}, as values that never show themselves (SPEC §5, S4, I5). It depends on no
 * other Invitekit package, so every API package may use it.
 */
@NullMarked
package dev.invitekit.secret;

import org.jspecify.annotations.NullMarked;
