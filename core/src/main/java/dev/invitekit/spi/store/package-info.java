/** dev.invitekit.spi.store: see the types' javadoc for the rules (SPEC ids) each implements. */
@NullMarked
package dev.invitekit.spi.store;

import org.jspecify.annotations.NullMarked;
