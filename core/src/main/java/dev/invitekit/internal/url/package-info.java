/** The app's URLs that Invitekit puts in links (I6, L1). */
@NullMarked
package dev.invitekit.internal.url;

import org.jspecify.annotations.NullMarked;
