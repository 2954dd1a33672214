/** dev.invitekit.spring.boot: Spring Boot auto-configuration for Invitekit. */
@NullMarked
package dev.invitekit.spring.boot;

import org.jspecify.annotations.NullMarked;
