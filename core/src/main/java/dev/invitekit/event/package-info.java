/** dev.invitekit.event: see the types' javadoc for the rules (SPEC ids) each implements. */
@NullMarked
package dev.invitekit.event;

import org.jspecify.annotations.NullMarked;
