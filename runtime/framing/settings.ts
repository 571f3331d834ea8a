import {
  SETTING_INITIAL_WINDOW,
  SETTING_MAX_CONCURRENT_CALLS,
  SETTING_MAX_MESSAGE_SIZE,
  SETTING_MAX_METADATA_SIZE,
  SETTING_PING_MIN_INTERVAL,
} from "./constants.js";

/** The limits one side announces in its HELLO (docs/protocol.md section 2). */
export interface Settings {
  /** Largest message this side accepts, bytes. */
  readonly maxMessageSize: number;
  /** Calls the peer may have open on the connection (meaningful from servers). */
  readonly maxConcurrentCalls: number;
  /** Largest encoded metadata block this side accepts, bytes. */
  readonly maxMetadataSize: number;
  /** Flow-control credit per call and direction, bytes. */
  readonly initialWindow: number;
  /** Fewest ms between PINGs the server tolerates. */
  readonly pingMinIntervalMs: number;
}

/** Defaults: 4 MiB messages, 1,000 calls, 8 KiB metadata, 1 MiB window, 10 s pings. */
export const DEFAULT_SETTINGS: Settings = Object.freeze({
  maxMessageSize: 4 * 1024 * 1024,
  maxConcurrentCalls: 1000,
  maxMetadataSize: 8 * 1024,
  initialWindow: 1024 * 1024,
  pingMinIntervalMs: 10_000,
});

const IDS: readonly (readonly [number, keyof Settings])[] = [
  [SETTING_MAX_MESSAGE_SIZE, "maxMessageSize"],
  [SETTING_MAX_CONCURRENT_CALLS, "maxConcurrentCalls"],
  [SETTING_MAX_METADATA_SIZE, "maxMetadataSize"],
  [SETTING_INITIAL_WINDOW, "initialWindow"],
  [SETTING_PING_MIN_INTERVAL, "pingMinIntervalMs"],
];

/** Settings as (id, value) pairs for HELLO. */
export function settingsToPairs(s: Settings): [number, number][] {
  return IDS.map(([id, key]) => [id, Math.min(Math.max(0, Math.floor(s[key])), 0xffff_ffff)]);
}

/** Settings from HELLO pairs; unknown ids are ignored, missing ones default. */
export function settingsFromPairs(pairs: readonly (readonly [number, number])[]): Settings {
  const out: { -readonly [K in keyof Settings]: number } = { ...DEFAULT_SETTINGS };
  for (const [id, value] of pairs) {
    const entry = IDS.find(([known]) => known === id);
    if (entry !== undefined) out[entry[1]] = value;
  }
  return out;
}

/** Merges user overrides into the defaults. */
export function resolveSettings(partial: Partial<Settings> | undefined): Settings {
  return { ...DEFAULT_SETTINGS, ...partial };
}
