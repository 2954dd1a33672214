/** dev.invitekit.email: see the types' javadoc for the rules (SPEC ids) each implements. */
@NullMarked
package dev.invitekit.email;

import org.jspecify.annotations.NullMarked;
