/** dev.invitekit.member: see the types' javadoc for the rules (SPEC ids) each implements. */
@NullMarked
package dev.invitekit.member;

import org.jspecify.annotations.NullMarked;
