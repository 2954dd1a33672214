/** The exceptions Invitekit throws: its own failures and the store's (SPEC §5). */
@NullMarked
package dev.invitekit.error;

import org.jspecify.annotations.NullMarked;
