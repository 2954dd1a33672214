package dev.invitekit.store.jdbc;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A DataSource that counts every statement execution (each {@code execute…} call and each
 * {@code executeBatch}: one round trip to the database), and can fail the N-th one with an
 * {@link SQLException}, as a dropped connection would. Once {@link #reset} is called it counts (and fails)
 * only the statements of the thread that called it: the kit's background mail dispatcher polls the same
 * database on its own thread, and its statements are not the ones a test measures.
 */
final class StatementCountingDataSource implements DataSource {
  private static final Set<String> EXECUTIONS =
      Set.of("execute", "executeQuery", "executeUpdate", "executeLargeUpdate", "executeBatch", "executeLargeBatch");

  private final DataSource target;
  private final AtomicInteger executions = new AtomicInteger();
  private volatile int failAt;   // 0: never
  private volatile @org.jspecify.annotations.Nullable Thread counted;   // null: every thread

  StatementCountingDataSource(DataSource target) {
    this.target = target;
  }

  /** Statements executed since the last {@link #reset}. */
  int executions() {
    return executions.get();
  }

  /** Starts counting from zero, failing the {@code failAt}-th statement from now (0: none). */
  void reset(int failAt) {
    executions.set(0);
    this.failAt = failAt;
    this.counted = Thread.currentThread();
  }

  @Override
  public Connection getConnection() throws SQLException {
    return wrap(target.getConnection());
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return wrap(target.getConnection(username, password));
  }

  private Connection wrap(Connection connection) {
    return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
        forward(connection, (method, result) -> result instanceof Statement statement
            ? wrapStatement(statement, method.getReturnType()) : result));
  }

  private Object wrapStatement(Statement statement, Class<?> type) {
    InvocationHandler counting = (proxy, method, args) -> {
      Thread only = counted;
      if (EXECUTIONS.contains(method.getName()) && (only == null || only == Thread.currentThread())) {
        int n = executions.incrementAndGet();
        if (n == failAt) {
          throw new SQLException("injected fault at statement " + n, "08006");
        }
      }
      return invoke(statement, method, args);
    };
    return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type}, counting);
  }

  private interface AfterCall {
    Object apply(Method method, Object result);
  }

  private static InvocationHandler forward(Object target, AfterCall after) {
    return (proxy, method, args) -> {
      Object result = invoke(target, method, args);
      return result == null ? null : after.apply(method, result);
    };
  }

  private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return target.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    target.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    target.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return target.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return target.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return target.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return target.isWrapperFor(iface);
  }
}
