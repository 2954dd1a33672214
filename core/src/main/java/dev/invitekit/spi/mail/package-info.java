/** dev.invitekit.spi.mail: see the types' javadoc for the rules (SPEC ids) each implements. */
@NullMarked
package dev.invitekit.spi.mail;

import org.jspecify.annotations.NullMarked;
