/** Refusals: why an operation was not allowed, and the admins to ask (U6). */
@NullMarked
package dev.invitekit.refusal;

import org.jspecify.annotations.NullMarked;
