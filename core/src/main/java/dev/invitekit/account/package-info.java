/** dev.invitekit.account: see the types' javadoc for the rules (SPEC ids) each implements. */
@NullMarked
package dev.invitekit.account;

import org.jspecify.annotations.NullMarked;
