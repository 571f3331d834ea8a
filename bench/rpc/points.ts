/**
 * The measured points: which RPC, which payload, how many calls in flight.
 */

/** Payload variants of `bench-payloads.json`. */
export type PayloadSize = "small" | "large";

/**
 * What the client asks for on every call. A `download` call streams
 * `count` copies of the small payload back (the request's `payload.id`
 * is `count`, as in the peers' measurements).
 */
export type Workload =
  | { readonly kind: "echo"; readonly payload: PayloadSize }
  | { readonly kind: "download"; readonly count: number };

/** One cell of the matrix: a workload at a concurrency. */
export interface Point {
  /** Stable id used on the command line, e.g. "echo-small-c64". */
  readonly id: string;
  /** Table label, e.g. "Echo small C=64". */
  readonly label: string;
  readonly workload: Workload;
  /** Calls in flight in the closed loop. */
  readonly concurrency: number;
}

/** Messages per Download stream; the issue fixes it at 1,000. */
export const DOWNLOAD_COUNT = 1000;

function echoPoint(payload: PayloadSize, concurrency: number): Point {
  return {
    id: `echo-${payload}-c${concurrency}`,
    label: `Echo ${payload} C=${concurrency}`,
    workload: { kind: "echo", payload },
    concurrency,
  };
}

/** Every point of the issue, in table order. */
export const ALL_POINTS: readonly Point[] = [
  ...[1, 16, 64, 256].map((c) => echoPoint("small", c)),
  ...[1, 16, 64, 256].map((c) => echoPoint("large", c)),
  {
    id: "download-small-c1",
    label: "Download small C=1",
    workload: { kind: "download", count: DOWNLOAD_COUNT },
    concurrency: 1,
  },
];
