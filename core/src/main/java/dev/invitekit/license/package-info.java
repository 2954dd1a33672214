/** dev.invitekit.license: see the types' javadoc for the rules (SPEC ids) each implements. */
@NullMarked
package dev.invitekit.license;

import org.jspecify.annotations.NullMarked;
