package dev.invitekit.examples.webapp;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A database only when one is configured: with {@code spring.datasource.url} (PostgreSQL) there is a pooled
 * {@code DataSource}, and the starter builds Invitekit's JDBC store on it and applies its migrations;
 * without it the starter uses the in-memory store. Boot's own DataSource auto-configuration is excluded in
 * application.properties because it would otherwise insist on a URL (or an embedded database) whenever the
 * JDBC driver is on the class path.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("spring.datasource.url")
@EnableConfigurationProperties(DataSourceProperties.class)
public class DatabaseConfig {

  @Bean
  HikariDataSource dataSource(DataSourceProperties properties) {
    return properties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
  }
}
