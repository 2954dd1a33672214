/** Implementation of Invitekit; not exported by the module, not API: may change in any release. */
@NullMarked
package dev.invitekit.internal.text;

import org.jspecify.annotations.NullMarked;
