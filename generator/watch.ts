/**
 * `--watch`: run, then run again whenever an input changes. Runs never
 * overlap, bursts of events (editors write a file in several steps) collapse
 * into one run, and a failed run is reported without stopping the watcher.
 */
import { watch as fsWatch, type FSWatcher } from "node:fs";
import path from "node:path";

/** What a run read, i.e. what to watch until the next run. */
export interface WatchTargets {
  /** Source files (absolute); a change to any of them triggers a run. */
  readonly files: readonly string[];
  /**
   * Folders (absolute) where any new or changed `.proto` triggers a run, so
   * that creating a missing import fixes the build without a restart.
   */
  readonly protoFolders: readonly string[];
  /** Folders (absolute, watched recursively) where any change triggers a run: templates. */
  readonly anyFolders: readonly string[];
}

/** How the watcher runs the generator and reports. */
export interface WatchOptions {
  /** Generates and writes; returns a one-line summary and what to watch next. */
  readonly run: () => Promise<{ readonly summary: string; readonly targets: WatchTargets }>;
  /** Always watched in addition to what runs return (the inputs as given), so a first run that fails can recover. */
  readonly baseTargets: WatchTargets;
  /** Called with each failure of `run`; the watcher keeps going afterwards. */
  readonly onError: (error: unknown) => void;
  readonly log: (line: string) => void;
  /** Quiet time after the last event before a run starts (default 100 ms). */
  readonly debounceMs?: number;
  /** Aborting stops the watcher; the returned promise then resolves. */
  readonly signal?: AbortSignal;
}

/**
 * Runs once, then keeps running on changes until `signal` aborts. When a run
 * fails, the previous targets stay watched (plus whatever the failed run
 * could report), so fixing the file triggers the next run.
 */
export function watchAndRegenerate(options: WatchOptions): Promise<void> {
  const debounceMs = options.debounceMs ?? 100;
  const watchers = new Map<string, FSWatcher>();
  let targets: WatchTargets = options.baseTargets;
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let again = false;
  let listedNames = new Set<string>();

  return new Promise<void>((resolve) => {
    const stop = () => {
      clearTimeout(timer);
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
      resolve();
    };
    if (options.signal?.aborted) return stop();
    options.signal?.addEventListener("abort", stop, { once: true });

    const runNow = async () => {
      if (running) {
        again = true;
        return;
      }
      running = true;
      try {
        const result = await options.run();
        targets = mergeTargets(options.baseTargets, result.targets);
        options.log(result.summary);
      } catch (error) {
        options.onError(error);
      }
      running = false;
      if (options.signal?.aborted) return;
      updateWatchers();
      if (again) {
        again = false;
        schedule();
      }
    };
    const schedule = () => {
      clearTimeout(timer);
      timer = setTimeout(() => void runNow(), debounceMs);
    };

    const updateWatchers = () => {
      // Folders are watched rather than files: editors often save by writing
      // a new file and renaming it over the old one, which a file watch misses.
      listedNames = new Set(targets.files.map((f) => path.basename(f)));
      // Reads `listedNames` when an event arrives, so watchers kept from an
      // earlier run see the current list.
      const protoRelevant = (name: string | null) => name === null || name.endsWith(".proto") || listedNames.has(name);
      const wanted = new Map<string, (name: string | null) => boolean>();
      for (const file of targets.files) wanted.set(path.dirname(file), protoRelevant);
      for (const folder of targets.protoFolders) wanted.set(folder, protoRelevant);
      for (const folder of targets.anyFolders) wanted.set(`${folder}\0any`, () => true);
      for (const [key, watcher] of watchers) {
        if (!wanted.has(key)) {
          watcher.close();
          watchers.delete(key);
        }
      }
      for (const [key, relevant] of wanted) {
        if (watchers.has(key)) continue;
        const anyChange = key.endsWith("\0any");
        const folder = anyChange ? key.slice(0, -"\0any".length) : key;
        try {
          const watcher = fsWatch(folder, { recursive: anyChange }, (_event, name) => {
            if (relevant(name === null ? null : String(name))) schedule();
          });
          // A watched folder that disappears ends its watcher; the next run re-adds it.
          watcher.on("error", () => {
            watcher.close();
            watchers.delete(key);
          });
          watchers.set(key, watcher);
        } catch {
          // Folder missing (for example deleted mid-edit): nothing to watch until it returns.
        }
      }
    };

    updateWatchers();
    void runNow();
  });
}

function mergeTargets(a: WatchTargets, b: WatchTargets): WatchTargets {
  const union = (x: readonly string[], y: readonly string[]) => [...new Set([...x, ...y])];
  return {
    files: union(a.files, b.files),
    protoFolders: union(a.protoFolders, b.protoFolders),
    anyFolders: union(a.anyFolders, b.anyFolders),
  };
}
