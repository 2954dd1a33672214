/** Reads without an acting user, for the app's own trusted code (U7). */
@NullMarked
package dev.invitekit.trusted;

import org.jspecify.annotations.NullMarked;
