/** dev.invitekit.link: see the types' javadoc for the rules (SPEC ids) each implements. */
@NullMarked
package dev.invitekit.link;

import org.jspecify.annotations.NullMarked;
