/**
 * One health vocabulary for every component that can fail while the agent keeps going (power sources, the log tailer,
 * the store): {@link io.joulebit.health.HealthLog} counts failures by reason, keeps the last error and logs
 * edge-triggered per key; {@link io.joulebit.health.Health} is the snapshot they report. Depends on SLF4J only.
 * docs/ARCHITECTURE.md says how a new source uses it.
 */
package io.joulebit.health;
