/** dev.invitekit.signup: see the types' javadoc for the rules (SPEC ids) each implements. */
@NullMarked
package dev.invitekit.signup;

import org.jspecify.annotations.NullMarked;
