/** Units of work on the store, with typed outcomes and store failures told apart from core's own bugs. */
@NullMarked
package dev.invitekit.internal.tx;

import org.jspecify.annotations.NullMarked;
