package dev.invitekit.spring.boot;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports an {@link InvalidInvitekitPropertyException} as Boot's "APPLICATION FAILED TO START" block. */
final class InvitekitPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidInvitekitPropertyException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, InvalidInvitekitPropertyException cause) {
    return new FailureAnalysis(cause.getMessage(),
        "Correct the property " + cause.property() + " (every invitekit.* property is described in "
            + "docs/spring-boot.md), or define your own Invitekit bean.", cause);
  }
}
