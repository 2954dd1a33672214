/** dev.invitekit.invite: see the types' javadoc for the rules (SPEC ids) each implements. */
@NullMarked
package dev.invitekit.invite;

import org.jspecify.annotations.NullMarked;
