/**
 * In-process progress for Deep Java Library training.
 *
 * <p>{@link io.joulebit.progress.djl.JoulebitTrainingListener} is added to a DJL {@code TrainingConfig} and turns each
 * training or validation batch into a {@link io.joulebit.progress.StepEvent}. Its sink is either
 * <ul>
 *   <li>the embedded agent, when joulebit runs inside the training JVM (the {@code demo} command): the agent's
 *       {@code Consumer<StepEvent>} goes straight into the run accountant, no log parsing, no network; or</li>
 *   <li>a {@link io.joulebit.progress.djl.StepPoster}, when joulebit runs as a sidecar: events are batched and posted
 *       as JSON lines to {@code http://host:port/api/v1/steps} with a bearer token, off the training thread, dropped
 *       and counted when the sidecar is away.</li>
 * </ul>
 * Nothing here blocks or fails training.
 */
package io.joulebit.progress.djl;
