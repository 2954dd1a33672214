/**
 * The code README.md and docs/ show, as real compiled classes. Each shown region sits between
 * {@code // tag::name[]} and {@code // end::name[]} comments; DocSnippetsTest checks that every Java block
 * of the docs equals its region, so the docs cannot drift from the API.
 */
@NullMarked
package dev.invitekit.examples.quickstart.snippets;

import org.jspecify.annotations.NullMarked;
