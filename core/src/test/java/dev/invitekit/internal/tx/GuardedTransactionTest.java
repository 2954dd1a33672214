package dev.invitekit.internal.tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockingDetails;

import dev.invitekit.error.StoreException;
import dev.invitekit.spi.store.Store;
import dev.invitekit.spi.store.StoreTransaction;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mockito.invocation.Invocation;
import org.mockito.stubbing.Answer;

/**
 * SPEC §4 and §5: every call a use case makes on the store goes through {@link GuardedTransaction}, which
 * sends it to the store's object unchanged and reports what the store throws as a {@link StoreException}
 * ("nothing was recorded, safe to retry"). The methods are found by reflection over the store SPI, so a
 * method added to a role interface fails here until its guard overrides it: a default method the guard did
 * not override would run on the guard instead of the store's own version, or reach the store unguarded.
 */
@DisplayName("§5: the guarded transaction covers every method of the store SPI")
class GuardedTransactionTest {

  private static final Store STORE = new Store() {
    @Override
    public <T> T inTransaction(Function<StoreTransaction, T> work) {
      throw new UnsupportedOperationException("not used");
    }

    @Override
    public String name() {
      return "probe";
    }
  };

  /** The store SPI's role interfaces: what the transaction's accessors answer, which the guard guards too. */
  static List<Class<?>> roles() {
    List<Class<?>> roles = new ArrayList<>();
    for (Method accessor : StoreTransaction.class.getMethods()) {
      Class<?> returned = accessor.getReturnType();
      if (returned.isInterface() && returned.getPackage() == StoreTransaction.class.getPackage()) {
        roles.add(returned);
      }
    }
    return roles;
  }

  /** Every method of the transaction and its roles, default methods included (static ones reach no store). */
  static Stream<Method> spiMethods() {
    return Stream.concat(Stream.of(StoreTransaction.class), roles().stream())
        .flatMap(type -> Arrays.stream(type.getMethods()))
        .filter(method -> !Modifier.isStatic(method.getModifiers()));
  }

  @Test
  @DisplayName("the SPI has the ten roles the guard was written for, each reached from the transaction")
  void rolesAreFound() {
    assertThat(roles()).hasSizeGreaterThanOrEqualTo(10);
    assertThat(spiMethods()).hasSizeGreaterThan(60);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("spiMethods")
  @DisplayName("§5: the guard overrides the SPI method itself, default methods included")
  void everyMethodIsOverridden(Method method) throws NoSuchMethodException {
    Class<?> guard = new Probe(method, call -> null).guardFor(method.getDeclaringClass()).getClass();

    Method implemented = guard.getMethod(method.getName(), method.getParameterTypes());
    assertThat(implemented.getDeclaringClass())
        .as("%s must be overridden by %s, or calls to it bypass the guard", method, guard.getSimpleName())
        .isEqualTo(guard);
    assertThat(implemented.isDefault()).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("spiMethods")
  @DisplayName("§4: the guard sends each call to the store's object once, with the same arguments, and answers what it answered")
  void everyMethodDelegates(Method method) {
    Object answer = answerFor(method.getReturnType());
    Probe probe = new Probe(method, call -> answer);
    Object[] args = argumentsFor(method);

    Object result = invoke(method, probe.guardFor(method.getDeclaringClass()), args);

    List<Invocation> calls = mockingDetails(probe.rawFor(method.getDeclaringClass())).getInvocations().stream()
        .filter(call -> call.getMethod().equals(method)).toList();
    assertThat(calls).as("calls of %s on the store's object", method.getName()).hasSize(1);
    Object[] received = calls.get(0).getRawArguments();
    for (int i = 0; i < args.length; i++) {
      assertThat(received[i]).as("argument %d", i).isSameAs(args[i]);
    }
    if (probe.isRole(method.getReturnType())) {
      assertThat(result).as("a role is handed out guarded").isNotSameAs(answer)
          .isInstanceOf(method.getReturnType())
          .hasToString("guarded " + answer);
      assertThat(result.getClass().getEnclosingClass()).isEqualTo(GuardedTransaction.class);
    } else if (method.getReturnType().isPrimitive()) {
      assertThat(result).isEqualTo(answer);
    } else {
      assertThat(result).isSameAs(answer);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("spiMethods")
  @DisplayName("§5: what the store's object throws is a StoreException naming the store, the operation and the method")
  void everyMethodReportsStoreFailures(Method method) {
    IllegalStateException failure = new IllegalStateException("connection reset");
    Probe probe = new Probe(method, call -> {
      throw failure;
    });

    assertThatThrownBy(() -> invoke(method, probe.guardFor(method.getDeclaringClass()), argumentsFor(method)))
        .isInstanceOf(StoreException.class)
        .hasMessage("The probe store failed during probing (" + method.getName()
            + "); nothing of it was recorded, and it is safe to retry.")
        .hasCause(failure);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("spiMethods")
  @DisplayName("§5: a StoreException the store throws, and an Error, pass the guard unchanged")
  void storeExceptionsAndErrorsPassUnchanged(Method method) {
    StoreException conflict = new StoreException("conflict");
    Probe conflicting = new Probe(method, call -> {
      throw conflict;
    });
    assertThatThrownBy(() -> invoke(method, conflicting.guardFor(method.getDeclaringClass()), argumentsFor(method)))
        .isSameAs(conflict);

    OutOfMemoryError error = new OutOfMemoryError("probe");
    Probe failing = new Probe(method, call -> {
      throw error;
    });
    assertThatThrownBy(() -> invoke(method, failing.guardFor(method.getDeclaringClass()), argumentsFor(method)))
        .isSameAs(error);
  }

  @Test
  @DisplayName("a role's guard is reused while the store hands out the same object, and made anew for another")
  void roleGuardsAreReusedForTheSameStoreObject() throws Exception {
    Method accessor = StoreTransaction.class.getMethod("invitations");
    Probe probe = new Probe(accessor, call -> null);
    Object first = invoke(accessor, probe.guarded);
    assertThat(invoke(accessor, probe.guarded)).isSameAs(first);

    Object other = mock(accessor.getReturnType());
    Probe switching = new Probe(accessor, call -> other);
    Object guardOfOther = invoke(accessor, switching.guarded);
    assertThat(guardOfOther).isNotSameAs(first).hasToString("guarded " + other);
  }

  @Test
  @DisplayName("the guard's toString names the store's object and nothing else")
  void toStringNamesTheStoreObject() {
    Probe probe = new Probe(spiMethods().findFirst().orElseThrow(), call -> null);
    assertThat(probe.guarded).hasToString("guarded " + probe.raw);
  }

  /**
   * A store's transaction whose roles are mocks: {@code method} answers with {@code answer}, the role accessors
   * with the role mocks, and any other call fails the test (the guard calls nothing on its own).
   */
  private static final class Probe {
    final Map<Class<?>, Object> rawRoles = new HashMap<>();
    final StoreTransaction raw;
    final GuardedTransaction guarded;

    Probe(Method method, Answer<?> answer) {
      Answer<?> answering = call -> {
        if (call.getMethod().equals(method)) {
          return answer.answer(call);
        }
        if (call.getMethod().getName().equals("toString") && call.getMethod().getParameterCount() == 0) {
          return "store object " + System.identityHashCode(call.getMock());
        }
        Object role = rawRoles.get(call.getMethod().getReturnType());
        if (call.getMock() == rawFor(StoreTransaction.class) && role != null) {
          return role;
        }
        throw new AssertionError("the guard called " + call.getMethod() + " on its own");
      };
      for (Class<?> role : roles()) {
        rawRoles.put(role, mock(role, answering));
      }
      raw = mock(StoreTransaction.class, answering);
      guarded = new GuardedTransaction(raw, "probing", STORE);
    }

    boolean isRole(Class<?> type) {
      return rawRoles.containsKey(type);
    }

    /** The object a use case calls {@code type}'s methods on: the guarded transaction or a guarded role. */
    Object guardFor(Class<?> type) {
      if (type == StoreTransaction.class) {
        return guarded;
      }
      for (Method accessor : StoreTransaction.class.getMethods()) {
        if (accessor.getReturnType() == type && accessor.getParameterCount() == 0) {
          return invoke(accessor, guarded);
        }
      }
      throw new AssertionError("no accessor for " + type);
    }

    Object rawFor(Class<?> type) {
      return type == StoreTransaction.class ? raw : rawRoles.get(type);
    }
  }

  /** A value of {@code type} that no other call answers, so the test can tell it was passed through. */
  private static @Nullable Object answerFor(Class<?> type) {
    if (type == void.class) {
      return null;
    }
    if (type == boolean.class) {
      return true;
    }
    if (type == int.class) {
      return 42;
    }
    if (type == Optional.class) {
      return Optional.of(new Object());
    }
    if (type == List.class) {
      return new ArrayList<>();
    }
    if (type == Map.class) {
      return new HashMap<>();
    }
    if (type.isEnum()) {
      Object[] constants = type.getEnumConstants();
      return constants[constants.length - 1];
    }
    return mock(type);
  }

  /** Arguments that each compare only to themselves. */
  private static Object[] argumentsFor(Method method) {
    Class<?>[] types = method.getParameterTypes();
    Object[] args = new Object[types.length];
    for (int i = 0; i < types.length; i++) {
      Class<?> type = types[i];
      if (type == int.class) {
        args[i] = 7 + i;
      } else if (type == String.class) {
        args[i] = "argument " + i;
      } else if (type == Instant.class) {
        args[i] = Instant.ofEpochSecond(1_000 + i);
      } else if (type == Integer.class) {
        args[i] = Integer.valueOf(1_000 + i);
      } else if (type == List.class || type == Collection.class) {
        args[i] = new ArrayList<>();
      } else if (type.isEnum()) {
        args[i] = type.getEnumConstants()[0];
      } else {
        args[i] = mock(type);
      }
    }
    return args;
  }

  private static @Nullable Object invoke(Method method, Object target, @Nullable Object... args) {
    try {
      return method.invoke(target, args);
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new AssertionError(cause);
    }
  }
}
