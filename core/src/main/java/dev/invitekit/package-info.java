/** dev.invitekit: see the types' javadoc for the rules (SPEC ids) each implements. */
@NullMarked
package dev.invitekit;

import org.jspecify.annotations.NullMarked;
