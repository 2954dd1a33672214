/**
 * dev.invitekit.id: the identifiers of accounts, users, invitations and invite links, which every capability
 * package refers to. Kept apart so that the capability packages ({@code account}, {@code member},
 * {@code invite}, {@code link}) never depend on each other in a circle.
 */
@NullMarked
package dev.invitekit.id;

import org.jspecify.annotations.NullMarked;
