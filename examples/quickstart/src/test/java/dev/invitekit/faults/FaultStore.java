package dev.invitekit.faults;

import dev.invitekit.id.AccountId;
import dev.invitekit.spi.store.*;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A custom store adapter over another store. It can fail a chosen SPI call ("role.method" or an accessor name),
 * fail after its delegate committed, and simulate a serialization failure at commit: roll back and run the work
 * again, as docs/writing-a-store-adapter.md allows.
 */
final class FaultStore implements Store {
  final Store delegate;
  final AtomicInteger units = new AtomicInteger();
  final List<String> calls = new CopyOnWriteArrayList<>();
  /** Which call fails (by "role.method" or accessor name); checked on every call. */
  volatile Predicate<String> failCall = c -> false;
  volatile RuntimeException toThrow = new IllegalStateException("connection reset (simulated)");
  /** Unit number whose commit fails after the delegate committed. */
  volatile int failAfterCommitUnit = -1;
  volatile RuntimeException afterCommitThrow = new IllegalStateException("connection lost while COMMIT answered");
  /** Unit number whose first commit attempt is a serialization failure: rolled back and run again. */
  volatile int retryUnit = -1;
  /** When true, a retryable failure thrown inside work (toThrow with a Retryable cause) is retried. */
  volatile boolean retryOnRetryable = true;
  /** Overrides StoreTransaction.directoryOf when set. */
  volatile BiFunction<StoreTransaction, AccountId, List<DirectoryEntry>> directory;
  volatile BiFunction<StoreTransaction, AccountId, List<StoredMember>> members;

  static final class Retryable extends RuntimeException {
    Retryable() {
      super("serialization failure (simulated, 40001)");
    }
  }

  FaultStore(Store delegate) {
    this.delegate = delegate;
  }

  @Override
  public <T> T inTransaction(Function<StoreTransaction, T> work) {
    int n = units.incrementAndGet();
    calls.add("unit " + n);
    if (n == retryUnit) {
      try {
        delegate.inTransaction(tx -> {
          work.apply(new Tx(tx));
          throw new Retryable();          // the commit is refused: roll back ...
        });
      } catch (Retryable expected) {
        calls.add("retry " + n);          // ... and run the work again
      }
    }
    for (int attempt = 1; ; attempt++) {
      try {
        T result = delegate.inTransaction(tx -> work.apply(new Tx(tx)));
        if (n == failAfterCommitUnit) {
          throw afterCommitThrow;
        }
        return result;
      } catch (RuntimeException e) {
        if (retryOnRetryable && attempt < 3 && hasRetryable(e) && e != afterCommitThrow) {
          calls.add("retry " + n);
          continue;
        }
        throw e;
      }
    }
  }

  private static boolean hasRetryable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof Retryable) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String name() {
    return "fault(" + delegate.name() + ")";
  }

  private void maybeFail(String call) {
    calls.add(call);
    if (failCall.test(call)) {
      throw toThrow;
    }
  }

  @SuppressWarnings("unchecked")
  private <R> R wrap(String role, Class<R> type, R target) {
    InvocationHandler h = (proxy, method, args) -> {
      if (method.getDeclaringClass() == Object.class) {
        return method.invoke(target, args);
      }
      maybeFail(role + "." + method.getName());
      try {
        return method.invoke(target, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    };
    return (R) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, h);
  }

  final class Tx implements StoreTransaction {
    final StoreTransaction d;

    Tx(StoreTransaction d) {
      this.d = d;
    }

    @Override public AccountStore accounts() { maybeFail("accounts()"); return wrap("accounts", AccountStore.class, d.accounts()); }
    @Override public UserStore users() { maybeFail("users()"); return wrap("users", UserStore.class, d.users()); }
    @Override public MembershipStore memberships() { maybeFail("memberships()"); return wrap("memberships", MembershipStore.class, d.memberships()); }
    @Override public InvitationStore invitations() { maybeFail("invitations()"); return wrap("invitations", InvitationStore.class, d.invitations()); }
    @Override public LinkStore links() { maybeFail("links()"); return wrap("links", LinkStore.class, d.links()); }
    @Override public SeatStore seats() { maybeFail("seats()"); return wrap("seats", SeatStore.class, d.seats()); }
    @Override public IdempotencyStore idempotency() { maybeFail("idempotency()"); return wrap("idempotency", IdempotencyStore.class, d.idempotency()); }
    @Override public FounderSignupStore founderSignups() { maybeFail("founderSignups()"); return wrap("founderSignups", FounderSignupStore.class, d.founderSignups()); }
    @Override public Outbox outbox() { maybeFail("outbox()"); return wrap("outbox", Outbox.class, d.outbox()); }
    @Override public Counters counters() { maybeFail("counters()"); return wrap("counters", Counters.class, d.counters()); }

    @Override
    public List<StoredMember> membersWithUsers(AccountId accountId) {
      maybeFail("membersWithUsers");
      var m = members;
      return m != null ? m.apply(this, accountId) : StoreTransaction.super.membersWithUsers(accountId);
    }

    @Override
    public List<DirectoryEntry> directoryOf(AccountId accountId) {
      maybeFail("directoryOf");
      var dir = directory;
      return dir != null ? dir.apply(this, accountId) : StoreTransaction.super.directoryOf(accountId);
    }
  }
}
