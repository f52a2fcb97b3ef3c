package io.joulebit.power.nvidiasmi;

import java.util.List;
import java.util.stream.Collectors;

/** Kills a process and everything it started: a wedged child (e.g. `sleep`) can hold stdout open after its parent dies. */
final class ProcessTrees {
    private ProcessTrees() {}

    static void killTree(Process process) {
        // Snapshot descendants first: once the parent is gone they are re-parented and no longer found.
        List<ProcessHandle> children = process.descendants().collect(Collectors.toList());
        process.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
    }
}
