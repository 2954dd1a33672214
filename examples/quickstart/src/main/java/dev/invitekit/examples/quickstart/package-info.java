/** The quickstart walkthrough: {@link dev.invitekit.examples.quickstart.Quickstart}. */
@NullMarked
package dev.invitekit.examples.quickstart;

import org.jspecify.annotations.NullMarked;
