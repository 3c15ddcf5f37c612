/**
 * What must not outlive the process (a browser, its profile folder, temporary files, the output
 * lock), undone synchronously when the process exits however it exits: a normal end, an internal
 * error, or the forced exit that follows a signal when the orderly shutdown takes too long.
 * Everything registered here is also undone in the orderly way by its owner, which then
 * unregisters it; this is the net under that.
 */
const pending = new Set<() => void>();
let installed = false;

function runAll(): void {
  for (const undo of [...pending]) {
    pending.delete(undo);
    try {
      undo();
    } catch {
      // Exiting: nothing can be reported any more, and the other clean-ups must still run.
    }
  }
}

/** Registers a synchronous clean-up; returns the function that unregisters it. */
export function onExit(undo: () => void): () => void {
  if (!installed) {
    installed = true;
    process.on('exit', runAll);
  }
  pending.add(undo);
  return () => void pending.delete(undo);
}

/** Runs every registered clean-up now (before a forced exit, or in tests). */
export function cleanUpNow(): void {
  runAll();
}
