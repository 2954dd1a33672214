/** dev.invitekit.contacts: see the types' javadoc for the rules (SPEC ids) each implements. */
@NullMarked
package dev.invitekit.contacts;

import org.jspecify.annotations.NullMarked;
